import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { contract } from "./fixtures/chat-contract.js";
import { client, connected, startServer } from "./support/util.js";

it("smoke", async () => {
  const { io, url } = await startServer();
  const server = bindServer(contract, io);
  const chat = server.of("/chat");
  chat.use((socket) => {
    socket.data.userId = socket.auth.token;
  });
  chat.on("connection", (socket) => {
    socket.on("message:send", ({ room, text }) => ({ id: "1", room, text, at: 1 }));
  });
  const c = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "t" } }));
  await connected(c.socket);
  const ack = await c.emit("message:send", { room: "r", text: "hi" });
  expect(ack).toEqual({ id: "1", room: "r", text: "hi", at: 1 });
});
