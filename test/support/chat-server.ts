import { type BoundServer, bindServer } from "@socket-contract/server";
import { contract } from "../fixtures/chat-contract.js";
import { errorLog, startServer } from "./util.js";

/**
 * A bound server for the fixture contract with handlers that record what they were called with,
 * so tests can assert that a handler ran only for valid input and saw parsed values.
 */
export async function startChat(options: { transports?: ("websocket" | "polling")[]; ackTimeout?: number } = {}) {
  const { io, url } = await startServer({ transports: options.transports ?? ["websocket", "polling"] });
  const log = errorLog();
  const server: BoundServer<typeof contract> = bindServer(contract, io, {
    onError: log.onError,
    ackTimeout: options.ackTimeout ?? 2_000,
  });
  const chat = server.of("/chat");
  const calls: { event: string; args: unknown[] }[] = [];
  chat.use((socket) => {
    socket.data.userId = `user-${socket.auth.token}`;
  });
  chat.on("connection", (socket) => {
    socket.on("message:send", ({ room, text }) => {
      calls.push({ event: "message:send", args: [{ room, text }] });
      return { id: `${calls.length}`, room, text, at: 1 };
    });
    socket.on("avatar:upload", ({ name, bytes }) => {
      calls.push({ event: "avatar:upload", args: [name, bytes] });
      return { size: bytes.byteLength, first: bytes[0] ?? -1 };
    });
    socket.on("room:join", async (room) => {
      await socket.join(room);
      calls.push({ event: "room:join", args: [room] });
      const members = await chat.in(room).fetchSockets();
      return { members: members.length };
    });
    socket.on("typing", (room, isTyping) => {
      calls.push({ event: "typing", args: [room, isTyping] });
    });
    socket.on("echo:binary", (payload) => {
      calls.push({ event: "echo:binary", args: [payload] });
      return payload;
    });
    socket.on("settings:set", (settings) => {
      calls.push({ event: "settings:set", args: [settings] });
      return { keys: Object.keys(settings) };
    });
    socket.on("optional:arg", (text, count) => {
      calls.push({ event: "optional:arg", args: [text, count] });
      return `${text}:${count ?? "none"}`;
    });
    socket.on("transform:it", (length) => {
      calls.push({ event: "transform:it", args: [length] });
      return length;
    });
  });
  return { io, url, server, chat, calls, errors: log.errors };
}
