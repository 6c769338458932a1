import { ContractError, contractFingerprint as fingerprintOf } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { client, connected, next, sleep, startServer } from "./support/sockets.js";
import { type ChatClient, bindChatClient } from "./fixtures/chat/golden/chat/client.js";
import { type ChatNamespace, implement } from "./fixtures/chat/golden/chat/server.js";
import { contractFingerprint } from "./fixtures/chat/golden/fingerprint.js";
import { bindContractServer } from "./fixtures/chat/golden/server.js";
import { contract } from "./fixtures/chat/contract.js";

// The generated wrappers of the chat golden, against a real Socket.IO server and client.

async function setup(
  options: { slow?: number } = {},
): Promise<{ chat: ChatNamespace; app: ChatClient; typed: unknown[][] }> {
  const { io, url } = await startServer();
  const typed: unknown[][] = [];
  const chat = implement(bindContractServer(io), {
    "message:send": async (socket, { room, text }) => {
      if (options.slow !== undefined) await sleep(options.slow);
      if (room === "full") throw new ContractError("ROOM_FULL", { data: { capacity: 1 } });
      return { id: socket.data.userId, room, text, at: 5 };
    },
    "avatar:upload": (_socket, { name, bytes }) => ({
      url: `${name}:${bytes instanceof Uint8Array}:${bytes.byteLength}:${bytes[0]}`,
    }),
    typing: (_socket, room, isTyping) => {
      typed.push([room, isTyping]);
    },
  });
  chat.use((socket) => {
    socket.data.userId = `user-${socket.auth.token}`;
  });
  const app = bindChatClient(client(url, "/chat", { auth: { token: "t" } }));
  await connected(app.socket);
  return { chat, app, typed };
}

describe("generated wrappers over real sockets", () => {
  it("a client method resolves with the validated ack of the implemented handler", async () => {
    const { app } = await setup();
    await expect(app.messageSend({ room: "lobby", text: "hi" })).resolves.toEqual({
      id: "user-t",
      room: "lobby",
      text: "hi",
      at: 5,
    });
  });

  it("a custom error reaches the caller with its code and typed data", async () => {
    const { app } = await setup();
    const error = await app.messageSend({ room: "full", text: "hi" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "ROOM_FULL", data: { capacity: 1 } });
  });

  it("binary sent as an ArrayBuffer arrives in the handler as a Uint8Array", async () => {
    const { app } = await setup();
    const bytes = new Uint8Array([7, 8, 9]).buffer;
    await expect(app.avatarUpload({ name: "me.png", bytes })).resolves.toEqual({ url: "me.png:true:3:7" });
  });

  it("an event with several arguments reaches its handler with each of them", async () => {
    const { app, typed } = await setup();
    app.typing("lobby", true);
    app.typing("lobby", false);
    await expect
      .poll(() => typed, { timeout: 5_000 })
      .toEqual([
        ["lobby", true],
        ["lobby", false],
      ]);
  });

  it("bad arguments are refused locally with INVALID_PAYLOAD, before anything is sent", async () => {
    const { app } = await setup();
    await expect(app.messageSend({ room: "lobby", text: "" })).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
  });

  it("timeout(ms) gives one call its own ack timeout", async () => {
    const { app } = await setup({ slow: 500 });
    await expect(app.timeout(50).messageSend({ room: "lobby", text: "hi" })).rejects.toMatchObject({ code: "TIMEOUT" });
    await expect(app.messageSend({ room: "lobby", text: "again" })).resolves.toMatchObject({ text: "again" });
  });

  it("on<Event> receives server events until its unsubscribe function is called", async () => {
    const { chat, app } = await setup();
    const received: unknown[] = [];
    const stop = app.onMessage((message) => {
      received.push(message);
    });
    const message = { id: "m1", room: "lobby", text: "first", at: 1 };
    chat.emit("message", message);
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
    stop();
    chat.emit("message", { ...message, id: "m2" });
    app.socket.emit("typing" as never, "flush", true);
    await sleep(200);
    expect(received).toEqual([message]);
  });

  it("a server-to-client event with an ack gets the client handler's return value", async () => {
    const { chat, app } = await setup();
    app.onPing(() => "pong");
    const [socket] = await chat.fetchSockets();
    expect(socket).toBeDefined();
    await expect(chat.timeout(2_000).emit("ping")).resolves.toEqual(["pong"]);
  });

  it("onContractError sees the server's refusal of an event that has no ack", async () => {
    const { app } = await setup();
    const errors = next<[ContractError]>({ once: (_event, listener) => app.onContractError(listener) }, "error");
    app.socket.emit("typing", 42, "not a boolean");
    const [error] = await errors;
    expect(error).toMatchObject({ code: "INVALID_PAYLOAD", event: "typing" });
  });

  it("the generated fingerprint is the one the runtime computes for the contract", () => {
    expect(contractFingerprint).toBe(fingerprintOf(contract));
  });
});
