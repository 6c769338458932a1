import { bindClient } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, until } from "../support/util.js";

// Node's Socket.IO (engine.io-client and engine.io on Node) cannot send a Blob: one handed to it
// closed the connection ("transport close"), so a Node client's call rejected with DISCONNECTED,
// every other pending call with it, and the socket reconnected. binary()'s types accept a Blob (a
// page may send one), so on Node the check refuses it at once, before anything is sent.

const blob = (): Blob => new Blob([Uint8Array.from([1, 2, 3])]);

for (const transport of ["websocket", "polling"] as const) {
  describe(`a Blob in a binary() field, sent from Node over ${transport}`, () => {
    async function setup() {
      const chat = await startChat({ transports: [transport] });
      const bound = bindClient(
        contract,
        "/chat",
        client(chat.url, "/chat", { auth: { token: "ann" }, transports: [transport] }),
      );
      await connected(bound.socket);
      let disconnects = 0;
      bound.socket.on("disconnect", () => disconnects++);
      return { ...chat, bound, disconnects: () => disconnects };
    }

    it("a client's call is refused with INVALID_PAYLOAD before anything is sent, and the connection lives on", async () => {
      const { bound, calls, disconnects } = await setup();
      const error = await bound.emit("avatar:upload", { name: "a.png", bytes: blob() }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [0, "bytes"] }] });
      expect((error as { issues: { message: string }[] }).issues[0]!.message).toMatch(/Blob/);
      expect(await bound.emit("avatar:upload", { name: "b.png", bytes: Uint8Array.from([7]) })).toEqual({
        size: 1,
        first: 7,
      });
      expect(calls.map((call) => call.args[0])).toEqual(["b.png"]);
      expect(disconnects()).toBe(0);
    });

    it("a server's emit throws INVALID_PAYLOAD at the call site, and the client stays connected", async () => {
      const { bound, chat, disconnects } = await setup();
      const received: number[][] = [];
      bound.on("file:ready", ({ bytes }) => void received.push([...bytes]));
      expect(() => chat.emit("file:ready", { bytes: blob() })).toThrow(
        expect.objectContaining({ code: "INVALID_PAYLOAD" }),
      );
      chat.emit("file:ready", { bytes: Uint8Array.from([4, 5]) });
      await until(() => received.length === 1);
      expect(received).toEqual([[4, 5]]);
      expect(disconnects()).toBe(0);
    });
  });
}
