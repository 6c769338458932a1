import { bindClient } from "@socket-contract/client";
import { type ContractError, defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, errorLog, startServer, until } from "../support/util.js";

const contract = defineContract({
  name: "retries",
  version: "1.0.0",
  namespaces: {
    "/": {
      clientToServer: {
        fire: { args: [z.number().int()] },
        boom: { args: [] },
      },
    },
  },
});

/**
 * With socket.io-client's `retries`, every emit carries a callback, so the server refuses an ack-less
 * event through it rather than with `contract:error`. The client runtime dropped that answer: the
 * sender never learned of the refusal, against "the sender learns of it either way".
 */
describe("an ack-less event refused by the server, sent with socket.io-client's retries", () => {
  it.each([
    ["with retries", { retries: 3, ackTimeout: 1_000 }],
    ["without retries", {}],
  ] as const)("reaches the client's onError %s", async (_, options) => {
    const { io, url } = await startServer();
    const log = errorLog();
    const server = bindServer(contract, io, { rateLimit: { eventsPerSecond: 1, burst: 3 }, onError: log.onError });
    const handled: number[] = [];
    server.of("/").on("connection", (socket) => {
      socket.on("fire", (n) => void handled.push(n));
      socket.on("boom", () => {
        throw new Error("internal detail");
      });
    });
    const chat = bindClient(contract, "/", client(url, "", options), { ackTimeout: 1_000 });
    const told: ContractError[] = [];
    chat.onError((error) => told.push(error));
    await connected(chat.socket);

    chat.emit("boom");
    await until(() => told.length === 1);
    expect([told[0]!.code, told[0]!.message, told[0]!.event]).toEqual(["HANDLER_ERROR", "The handler failed.", "boom"]);

    for (let n = 0; n < 4; n++) chat.emit("fire", n);
    await until(() => log.errors.filter((e) => e.code === "RATE_LIMITED").length === 2);
    await until(() => told.length > 1);
    expect(handled).toEqual([0, 1]);
    expect([told[1]!.code, told[1]!.event]).toEqual(["RATE_LIMITED", "fire"]);
  });
});
