import { bindClient, ContractError } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, until } from "../support/util.js";

for (const transport of ["websocket", "polling"] as const) {
  describe(`events over ${transport}`, () => {
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

    it("resolves emit with the validated ack, and the handler sees parsed input without unknown keys", async () => {
      const { bound, calls } = await setup();
      const payload = { room: "lobby", text: "hello", secret: "dropped" } as { room: string; text: string };
      const ack = await bound.emit("message:send", payload);
      expect(ack).toEqual({ id: "1", room: "lobby", text: "hello", at: 1 });
      expect(calls).toEqual([{ event: "message:send", args: [{ room: "lobby", text: "hello" }] }]);
    });

    it("spreads several arguments in order for an event without ack, and returns nothing", async () => {
      const { bound, calls } = await setup();
      expect(bound.emit("typing", "lobby", true)).toBeUndefined();
      bound.emit("typing", "lobby", false);
      await until(() => calls.length === 2);
      expect(calls).toEqual([
        { event: "typing", args: ["lobby", true] },
        { event: "typing", args: ["lobby", false] },
      ]);
    });

    it("applies transforms before the handler runs", async () => {
      const { bound, calls } = await setup();
      expect(await bound.emit("transform:it", "four")).toBe(4);
      expect(calls).toEqual([{ event: "transform:it", args: [4] }]);
    });

    it("accepts an omitted optional argument, which JSON turns into null on the way", async () => {
      const { bound } = await setup();
      expect(await bound.emit("optional:arg", "a", undefined)).toBe("a:none");
      expect(await bound.emit("optional:arg", "b", 2)).toBe("b:2");
    });

    it("answers a server-to-client event with the client handler's return value", async () => {
      const { bound, chat } = await setup();
      bound.on("ping", () => "pong" as const);
      const [socket] = await chat.fetchSockets();
      const local = chat.socketOf(chat.raw.sockets.get(socket!.id)!)!;
      expect(await local.emit("ping")).toBe("pong");
      expect(await local.timeout(500).emit("ping")).toBe("pong");
    });

    it("delivers validated server-to-client events to client handlers, unknown keys stripped", async () => {
      const { bound, chat } = await setup();
      const received: unknown[] = [];
      bound.on("message", (message) => void received.push(message));
      chat.emit("message", { id: "m1", room: "lobby", text: "hi", at: 5, extra: true } as never);
      await until(() => received.length === 1);
      expect(received).toEqual([{ id: "m1", room: "lobby", text: "hi", at: 5 }]);
    });

    it("rejects a custom contract error with its typed data", async () => {
      const { server, url } = await startChat();
      server.of("/chat").on("connection", (socket) => {
        socket.off("message:send");
        socket.on("message:send", () => {
          throw new ContractError("ROOM_FULL", { data: { capacity: 50 }, message: "The room is full." });
        });
      });
      const bound = bindClient(
        contract,
        "/chat",
        client(url, "/chat", { auth: { token: "ann" }, transports: [transport] }),
      );
      const error = await bound.emit("message:send", { room: "lobby", text: "hi" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({
        code: "ROOM_FULL",
        data: { capacity: 50 },
        message: "The room is full.",
        event: "message:send",
        namespace: "/chat",
      });
    });
  });
}
