import { bindClient } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, until } from "../support/util.js";

const bytes = [1, 2, 3, 250, 255];

for (const transport of ["websocket", "polling"] as const) {
  describe(`binary over ${transport}`, () => {
    async function setup() {
      const chat = await startChat();
      const bound = bindClient(
        contract,
        "/chat",
        client(chat.url, "/chat", { auth: { token: "ann" }, transports: [transport] }),
      );
      await connected(bound.socket);
      return { ...chat, bound };
    }

    const senders: [string, () => Uint8Array | ArrayBuffer][] = [
      ["Buffer", () => Buffer.from(bytes)],
      ["Uint8Array", () => Uint8Array.from(bytes)],
      ["ArrayBuffer", () => Uint8Array.from(bytes).buffer],
      [
        "a Uint8Array view into a larger buffer",
        () => new Uint8Array(Uint8Array.from([9, 9, ...bytes, 9]).buffer, 2, bytes.length),
      ],
    ];
    for (const [name, make] of senders) {
      it(`delivers a ${name} to the server handler as a Uint8Array with the same bytes`, async () => {
        const { bound, calls } = await setup();
        const ack = await bound.emit("avatar:upload", { name: "a.png", bytes: make() });
        expect(ack).toEqual({ size: bytes.length, first: 1 });
        const received = calls[0]!.args[1] as Uint8Array;
        expect(received).toBeInstanceOf(Uint8Array);
        expect([...received]).toEqual(bytes);
      });
    }

    it("carries binary nested in a payload and in the ack, both ways", async () => {
      const { bound } = await setup();
      const ack = await bound.emit("echo:binary", { nested: { bytes: Uint8Array.from(bytes).buffer } });
      expect(ack.nested.bytes).toBeInstanceOf(Uint8Array);
      expect([...ack.nested.bytes]).toEqual(bytes);
    });

    it("delivers server-to-client binary as a Uint8Array", async () => {
      const { bound, chat } = await setup();
      const received: Uint8Array[] = [];
      bound.on("file:ready", ({ bytes: data }) => void received.push(data));
      chat.emit("file:ready", { bytes: Buffer.from(bytes) });
      chat.emit("file:ready", { bytes: Uint8Array.from(bytes).buffer });
      await until(() => received.length === 2);
      for (const data of received) {
        expect(data).toBeInstanceOf(Uint8Array);
        expect([...data]).toEqual(bytes);
      }
    });

    it("refuses oversized binary locally, before anything is sent", async () => {
      const { bound, calls } = await setup();
      const error = await bound
        .emit("avatar:upload", { name: "big", bytes: new Uint8Array(1025) })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [0, "bytes"], code: "too_big" }] });
      expect(calls).toEqual([]);
    });
  });
}
