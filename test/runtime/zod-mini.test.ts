import { binary, ContractError, contractFingerprint, defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { bindClient as bindNodeClient } from "@socket-contract/client";
import { bindClient as bindBrowserClient } from "../../packages/runtime-client/src/browser.js";
import { client, connected, errorLog, startServer } from "../support/util.js";

// A contract written in zod/mini, end to end over real sockets: the server, the client's Node entry
// (Zod's compiler installed) and its browser entry (no compiler, Zod's ordinary parser).
const Message = z.object({ id: z.string(), room: z.string(), text: z.string() });
const contract = defineContract({
  name: "mini-chat",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      auth: z.object({ name: z.string().check(z.minLength(1)) }),
      clientToServer: {
        "message:send": {
          args: [
            z.object({
              room: z.string().check(z.regex(/^[a-z]+$/)),
              text: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
            }),
          ],
          ack: Message,
          errors: { ROOM_FULL: z.object({ capacity: z.number().check(z.int()) }) },
        },
        "file:upload": {
          args: [z.object({ name: z.string(), bytes: binary({ maxBytes: 8 }), thumbnail: z.optional(binary()) })],
          ack: z.object({ size: z.number() }),
        },
      },
      serverToClient: { message: { args: [Message] } },
    },
  },
});

async function setup(bind: typeof bindNodeClient) {
  const { io, url } = await startServer();
  const log = errorLog();
  const server = bindServer(contract, io, { onError: log.onError, versionPolicy: "reject" });
  const chat = server.of("/chat");
  chat.on("connection", (socket) => {
    socket.on("message:send", ({ room, text }) => {
      if (room === "full") throw new ContractError("ROOM_FULL", { data: { capacity: 2 } });
      const message = { id: "m1", room, text };
      chat.to(room).emit("message", message);
      return message;
    });
    socket.on("file:upload", ({ bytes, thumbnail }) => ({ size: bytes.byteLength + (thumbnail?.byteLength ?? 0) }));
  });
  const bound = bind(contract, "/chat", client(url, "/chat", { auth: { name: "ann" }, autoConnect: false }));
  bound.socket.connect();
  await connected(bound.socket);
  return { bound, chat, errors: log.errors };
}

for (const [entry, bind] of [
  ["the Node entry", bindNodeClient],
  ["the browser entry", bindBrowserClient as typeof bindNodeClient],
] as const) {
  describe(`a zod/mini contract through ${entry}`, () => {
    it("connects under versionPolicy 'reject': both sides read the same fingerprint from the mini schemas", async () => {
      const { bound, errors } = await setup(bind);
      expect(bound.socket.connected).toBe(true);
      expect(errors).toEqual([]);
      expect(contractFingerprint(contract)).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    });

    it("sends a checked, trimmed payload and resolves with the validated ack", async () => {
      const { bound } = await setup(bind);
      expect(await bound.emit("message:send", { room: "lobby", text: "  hi  " })).toEqual({
        id: "m1",
        room: "lobby",
        text: "hi",
      });
    });

    it("refuses a bad payload with INVALID_PAYLOAD before sending, naming the path", async () => {
      const { bound } = await setup(bind);
      const error = await bound.emit("message:send", { room: "Lobby!", text: "" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({ code: "INVALID_PAYLOAD", event: "message:send" });
      expect((error as ContractError).issues?.map((issue) => issue.path)).toEqual([
        [0, "room"],
        [0, "text"],
      ]);
    });

    it("rejects with the server's custom code and its typed data", async () => {
      const { bound } = await setup(bind);
      await expect(bound.emit("message:send", { room: "full", text: "hi" })).rejects.toMatchObject({
        code: "ROOM_FULL",
        data: { capacity: 2 },
      });
    });

    it("carries binary() in a mini object, checks its size before sending, and z.optional(binary()) too", async () => {
      const { bound } = await setup(bind);
      expect(
        await bound.emit("file:upload", { name: "a", bytes: new Uint8Array(8), thumbnail: new Uint8Array(3).buffer }),
      ).toEqual({ size: 11 });
      await expect(bound.emit("file:upload", { name: "a", bytes: new Uint8Array(9) })).rejects.toMatchObject({
        code: "INVALID_PAYLOAD",
        issues: [{ path: [0, "bytes"], code: "too_big" }],
      });
    });

    it("runs a handler only for a valid server-to-client event", async () => {
      const { bound, chat } = await setup(bind);
      const received: unknown[] = [];
      bound.on("message", (message) => void received.push(message));
      await bound.emit("message:send", { room: "lobby", text: "x" });
      const [raw] = [...chat.raw.sockets.values()];
      raw!.join("lobby");
      await bound.emit("message:send", { room: "lobby", text: "y" });
      raw!.emit("message", { id: 5, room: "lobby", text: "bad" });
      await bound.emit("message:send", { room: "lobby", text: "z" });
      expect(received).toEqual([
        { id: "m1", room: "lobby", text: "y" },
        { id: "m1", room: "lobby", text: "z" },
      ]);
    });
  });
}
