import { bindClient, ContractError } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, errorLog, startServer, until } from "../support/util.js";

/** A chat server counting the messages and typing events it receives. */
async function countingChat(): Promise<{ url: string; received: string[] }> {
  const { io, url } = await startServer();
  const chat = bindServer(contract, io).of("/chat");
  const received: string[] = [];
  chat.use((socket) => {
    socket.data.userId = socket.auth.token;
  });
  chat.on("connection", (socket) => {
    socket.on("message:send", ({ room, text }) => {
      received.push(text);
      return { id: String(received.length), room, text, at: 1 };
    });
    socket.on("typing", (room) => {
      received.push(`typing in ${room}`);
    });
  });
  return { url, received };
}

describe("whenOffline", () => {
  it("buffers by default, as Socket.IO does: a call made while disconnected is delivered once after reconnection", async () => {
    const { url, received } = await countingChat();
    const socket = client(url, "/chat", { auth: { token: "ann" } });
    const chat = bindClient(contract, "/chat", socket);
    await connected(socket);
    socket.disconnect();
    const buffered = chat.emit("message:send", { room: "lobby", text: "written offline" });
    socket.connect();
    await expect(buffered).resolves.toMatchObject({ text: "written offline" });
    await expect(chat.emit("message:send", { room: "lobby", text: "next" })).resolves.toMatchObject({ text: "next" });
    expect(received).toEqual(["written offline", "next"]);
  });

  it('"fail": a call made while disconnected rejects DISCONNECTED at once and is never sent, even after reconnection', async () => {
    const { url, received } = await countingChat();
    const socket = client(url, "/chat", { auth: { token: "ann" } });
    const log = errorLog();
    const chat = bindClient(contract, "/chat", socket, { whenOffline: "fail" });
    chat.onError((error) => log.onError(error, { event: error.event }));
    await connected(socket);
    socket.disconnect();
    const failed = await chat
      .emit("message:send", { room: "lobby", text: "written offline" })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ContractError);
    expect(failed).toMatchObject({ code: "DISCONNECTED", event: "message:send", namespace: "/chat" });
    chat.emit("typing", "lobby", true);
    expect(log.errors.map((e) => [e.code, e.event])).toEqual([["DISCONNECTED", "typing"]]);
    socket.connect();
    await connected(socket);
    await expect(chat.emit("message:send", { room: "lobby", text: "online again" })).resolves.toMatchObject({
      text: "online again",
    });
    expect(received).toEqual(["online again"]);
  });

  it('"fail" before the first connection too, and for a stream request', async () => {
    const { io, url } = await startServer();
    bindServer(streamContract, io)
      .of("/s")
      .on("connection", (socket) => {
        socket.on("ping", () => "pong" as const);
      });
    const s = bindClient(streamContract, "/s", client(url, "/s"), { whenOffline: "fail" });
    await expect(s.emit("ping")).rejects.toMatchObject({ code: "DISCONNECTED", event: "ping" });
    await expect(s.stream("count", { n: 2 }).ack).rejects.toMatchObject({ code: "DISCONNECTED", event: "count" });
    await connected(s.socket);
    await expect(s.emit("ping")).resolves.toBe("pong");
  });

  it("keeps buffering across a dropped transport, and delivers once when the manager reconnects", async () => {
    const { url, received } = await countingChat();
    const socket = client(url, "/chat", {
      auth: { token: "ann" },
      reconnection: true,
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
    });
    const chat = bindClient(contract, "/chat", socket);
    await connected(socket);
    socket.io.engine.close();
    await until(() => !socket.connected);
    const buffered = chat.emit("message:send", { room: "lobby", text: "during the drop" });
    await expect(buffered).resolves.toMatchObject({ text: "during the drop" });
    expect(received).toEqual(["during the drop"]);
  });
});
