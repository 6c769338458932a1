import { binary, ContractDefinitionError, defineContract } from "@socket-contract/contract";
import { bindClient, ContractError } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, until } from "./support/util.js";
import { startServer } from "./support/util.js";

// The README's quick start, run as written (with an in-memory store), so its promises hold.
const Message = z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() });
const contract = defineContract({
  name: "chat",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      auth: z.object({ token: z.string().min(1) }),
      data: z.object({ userId: z.string() }),
      clientToServer: {
        "message:send": {
          description: "Post a message to a room.",
          args: [z.object({ room: z.string(), text: z.string().min(1).max(2000) })],
          ack: Message,
          errors: { ROOM_FULL: z.object({ capacity: z.number().int() }) },
        },
        "avatar:upload": {
          args: [z.object({ name: z.string(), bytes: binary({ maxBytes: 2_000_000 }) })],
          ack: z.object({ url: z.string() }),
        },
        typing: { args: [z.string(), z.boolean()] },
      },
      serverToClient: {
        message: { args: [Message] },
        ping: { args: [], ack: z.literal("pong") },
      },
    },
  },
});

it("names the place of a contract mistake", () => {
  const define = () =>
    defineContract({
      name: "chat",
      version: "1",
      namespaces: { "/chat": { clientToServer: { typing: { args: [z.string(), "boolean" as never] } } } },
    });
  expect(define).toThrow(ContractDefinitionError);
  expect(define).toThrow('[defineContract] namespaces["/chat"].clientToServer["typing"].args[1]: expected a schema');
});

it("runs the quick start's server and client", async () => {
  const { io, url } = await startServer();
  const saved: { room: string; text: string }[] = [];
  const server = bindServer(contract, io, { onError: () => {} });
  const chat = server.of("/chat");
  chat.use(async (socket) => {
    socket.data.userId = `user:${socket.auth.token}`;
  });
  chat.on("connection", (socket) => {
    void socket.join("lobby");
    socket.on("message:send", async ({ room, text }) => {
      if (room === "full") throw new ContractError("ROOM_FULL", { data: { capacity: 50 } });
      saved.push({ room, text });
      const message = { id: `${saved.length}`, room, text, at: 1 };
      chat.to(room).emit("message", message);
      return message;
    });
  });

  const bound = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "t" } }));
  const rendered: unknown[] = [];
  bound.on("message", (m) => void rendered.push(m));
  bound.on("ping", () => "pong" as const);
  await connected(bound.socket);

  const message = await bound.emit("message:send", { room: "lobby", text: "hi" });
  expect(message).toEqual({ id: "1", room: "lobby", text: "hi", at: 1 });
  await until(() => rendered.length === 1);
  expect(rendered).toEqual([message]);

  const error = await bound.emit("message:send", { room: "full", text: "hi" }).catch((e: unknown) => e);
  expect(bound.isError(error, "message:send") && error.code === "ROOM_FULL" && error.data.capacity).toBe(50);
  expect(ContractError.is(error, "ROOM_FULL")).toBe(true);

  expect(await chat.timeout(2_000).emit("ping")).toEqual(["pong"]);
});
