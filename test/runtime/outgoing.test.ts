import { bindClient } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, sleep } from "../support/util.js";

describe("outgoing validation", () => {
  it("refuses a bad server emit at the call site and sends nothing", async () => {
    const { chat, url } = await startChat();
    const raw = client(url, "/chat", { auth: { token: "ann" } });
    await connected(raw);
    const received: unknown[] = [];
    raw.onAny((...args) => received.push(args));
    const socket = chat.socketOf([...chat.raw.sockets.values()][0]!)!;
    expect(() => socket.emit("notice", 1 as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD", issues: [expect.objectContaining({ path: [0] })] }),
    );
    expect(() => (socket.emit as (...args: unknown[]) => unknown)("notice", "a", "b")).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
    expect(() => socket.emit("file:ready", { bytes: "not bytes" } as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
    await sleep(30);
    expect(received).toEqual([]);
  });

  it("rejects a bad ack-bearing client emit, throws for an ack-less one, and sends nothing", async () => {
    const { url, calls, errors } = await startChat();
    const bound = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    await connected(bound.socket);
    await expect(bound.emit("message:send", { room: "r", text: "" })).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
      issues: [{ path: [0, "text"], code: "too_small" }],
    });
    await expect(bound.emit("message:send", { room: "r", text: "x".repeat(2001) })).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
    expect(() => bound.emit("typing", "r", "yes" as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
    expect(() => (bound.emit as (event: string) => void)("not:an:event")).toThrow(
      expect.objectContaining({ code: "UNKNOWN_EVENT" }),
    );
    await sleep(30);
    expect(calls).toEqual([]);
    expect(errors).toEqual([]);
  });
});
