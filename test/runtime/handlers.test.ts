import { bindClient } from "@socket-contract/client";
import { type BoundSocket, bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { contract, type Message } from "../fixtures/chat-contract.js";
import { client, connected, startServer, until } from "../support/util.js";

// The README's "Handlers: one API on both sides": `on` returns its remover, `once` runs for the
// next valid event only, `off` removes one handler or all, the same on a server socket and a client.
type MessageValue = typeof Message._output;
const message = (id: string): MessageValue => ({ id, room: "lobby", text: "hi", at: 1 });

async function pair() {
  const { io, url } = await startServer({ transports: ["websocket"] });
  const chat = bindServer(contract, io, { onError: () => {} }).of("/chat");
  chat.use((socket) => {
    socket.data.userId = "u";
  });
  const arrived = new Promise<BoundSocket<typeof contract, "/chat">>((resolve) => chat.on("connection", resolve));
  const bound = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "t" } }), { ackTimeout: 2_000 });
  bound.onError(() => {});
  await connected(bound.socket);
  return { chat, socket: await arrived, bound };
}

it("a server socket's on returns its remover, and once runs for the next event only", async () => {
  const { socket, bound } = await pair();
  const seen: string[] = [];
  const stop = socket.on("typing", (room) => void seen.push(`on:${room}`));
  socket.once("typing", (room) => void seen.push(`once:${room}`));
  bound.emit("typing", "a", true);
  await until(() => seen.length === 2);
  stop();
  socket.on("typing", (room) => void seen.push(`last:${room}`));
  bound.emit("typing", "b", true);
  await until(() => seen.length === 3);
  expect(seen).toEqual(["on:a", "once:a", "last:b"]);
});

it("a client's on, once and off behave the same", async () => {
  const { chat, bound } = await pair();
  const seen: string[] = [];
  const onMessage = (m: MessageValue) => void seen.push(`on:${m.id}`);
  bound.on("message", onMessage);
  const stop = bound.on("message", (m) => void seen.push(`removed:${m.id}`));
  bound.once("message", (m) => void seen.push(`once:${m.id}`));
  stop();
  chat.emit("message", message("1"));
  await until(() => seen.length === 2);
  bound.off("message", onMessage);
  bound.on("message", (m) => void seen.push(`last:${m.id}`));
  chat.emit("message", message("2"));
  await until(() => seen.length === 3);
  bound.off("message");
  expect(seen).toEqual(["on:1", "once:1", "last:2"]);
});

it("an ack-bearing event takes one handler on both sides", async () => {
  const { socket, bound } = await pair();
  socket.on("room:join", () => ({ members: 1 }));
  expect(() => socket.on("room:join", () => ({ members: 2 }))).toThrow(
    '"room:join" has an acknowledgement, so it takes one handler',
  );
  bound.on("ping", () => "pong" as const);
  expect(() => bound.once("ping", () => "pong" as const)).toThrow(
    '"ping" has an acknowledgement, so it takes one handler',
  );
  await expect(bound.emit("room:join", "lobby")).resolves.toEqual({ members: 1 });
  await expect(socket.emit("ping")).resolves.toBe("pong");
});
