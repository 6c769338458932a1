import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { errorLog, startServer } from "../support/util.js";
import { clusterContract } from "./fixtures/cluster-contract.js";

describe("adapter errors", () => {
  it("reach onError with the namespace, instead of throwing out of the adapter's emit", async () => {
    const { io } = await startServer();
    const log = errorLog();
    bindServer(clusterContract, io, { onError: log.onError });
    const lost = new Error("Socket closed unexpectedly");

    // With no listener, EventEmitter would throw this error back at whoever emitted it.
    io.of("/").adapter.emit("error", lost);
    io.of("/chat").adapter.emit("error", new Error("another"));

    expect(log.errors).toEqual([
      { code: "HANDLER_ERROR", namespace: "/", event: undefined, socketId: undefined, cause: lost },
      expect.objectContaining({ code: "HANDLER_ERROR", namespace: "/chat" }),
    ]);
  });
});
