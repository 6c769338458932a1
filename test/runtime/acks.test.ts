import { bindClient, ContractError } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, sleep, until } from "../support/util.js";

async function setup(count = 1) {
  const chat = await startChat({ ackTimeout: 300 });
  const clients = [];
  for (let i = 0; i < count; i++) {
    const bound = bindClient(contract, "/chat", client(chat.url, "/chat", { auth: { token: `u${i}` } }), {
      ackTimeout: 300,
    });
    await connected(bound.socket);
    clients.push(bound);
  }
  const sockets = [...chat.chat.raw.sockets.values()].map((raw) => chat.chat.socketOf(raw)!);
  return { ...chat, clients, sockets };
}

describe("acknowledgements from the server's side", () => {
  it("rejects with INVALID_ACK when a client answers outside the ack schema", async () => {
    const { clients, sockets } = await setup();
    clients[0]!.on("ping", () => "pang" as never);
    const error = await sockets[0]!.emit("ping").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_ACK", event: "ping", namespace: "/chat" });
  });

  it("rejects with TIMEOUT after ackTimeout when the client never answers, and after timeout(ms) when given", async () => {
    const { clients, sockets } = await setup();
    clients[0]!.on("ping", () => new Promise<"pong">(() => {}));
    const started = Date.now();
    await expect(sockets[0]!.emit("ping")).rejects.toMatchObject({ code: "TIMEOUT" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await expect(sockets[0]!.timeout(50).emit("ping")).rejects.toMatchObject({ code: "TIMEOUT" });
  });

  it("gets HANDLER_ERROR when the client has no handler for an ack-bearing event, instead of waiting", async () => {
    const { sockets } = await setup();
    await expect(sockets[0]!.timeout(2_000).emit("ping")).rejects.toMatchObject({ code: "HANDLER_ERROR" });
  });

  it("resolves a broadcast with acks to every client's validated answer", async () => {
    const { clients, chat } = await setup(3);
    for (const bound of clients) bound.on("ping", () => "pong" as const);
    expect(await chat.timeout(1_000).emit("ping")).toEqual(["pong", "pong", "pong"]);
  });

  it("rejects a broadcast with TIMEOUT or INVALID_ACK whose data holds the valid answers that arrived", async () => {
    const { clients, chat } = await setup(3);
    clients[0]!.on("ping", () => "pong" as const);
    clients[1]!.on("ping", () => "pong" as const);
    clients[2]!.on("ping", () => "nope" as never);
    const invalid = await chat
      .timeout(1_000)
      .emit("ping")
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ContractError);
    expect(invalid).toMatchObject({ code: "INVALID_ACK", data: ["pong", "pong"] });
    clients[2]!.off("ping").on("ping", () => new Promise<"pong">(() => {}));
    const late = await chat
      .timeout(100)
      .emit("ping")
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "TIMEOUT", data: ["pong", "pong"] });
  });
});

describe("acknowledgements from the client's side", () => {
  it("rejects with INVALID_ACK when the server's ack breaks the schema, even if the server skipped its check", async () => {
    const { clients, chat } = await setup();
    // A server that bypasses the runtime (raw Socket.IO) and answers with a wrong shape.
    for (const raw of chat.raw.sockets.values()) {
      raw.offAny();
      raw.on("room:join", (_room: string, callback: (value: unknown) => void) =>
        callback({ ok: true, data: { members: "many" } }),
      );
    }
    await expect(clients[0]!.emit("room:join", "lobby")).rejects.toMatchObject({
      code: "INVALID_ACK",
      issues: [{ path: ["members"] }],
    });
    for (const raw of chat.raw.sockets.values()) {
      raw.removeAllListeners("room:join");
      raw.on("room:join", (_room: string, callback: (value: unknown) => void) => callback("not an envelope"));
    }
    await expect(clients[0]!.emit("room:join", "lobby")).rejects.toMatchObject({ code: "INVALID_ACK" });
  });

  it("rejects with TIMEOUT, honouring timeout(ms)", async () => {
    const { clients, server } = await setup();
    server.of("/chat").on("connection", () => {});
    for (const raw of server.of("/chat").raw.sockets.values()) raw.offAny();
    const started = Date.now();
    await expect(clients[0]!.timeout(80).emit("room:join", "lobby")).rejects.toMatchObject({
      code: "TIMEOUT",
      event: "room:join",
    });
    expect(Date.now() - started).toBeLessThan(280);
    await expect(clients[0]!.emit("room:join", "lobby")).rejects.toMatchObject({ code: "TIMEOUT" });
  });

  it("rejects a pending ack with DISCONNECTED when the connection closes first", async () => {
    const { clients, chat } = await setup();
    for (const raw of chat.raw.sockets.values()) raw.offAny();
    const pending = clients[0]!.timeout(5_000).emit("room:join", "lobby");
    await sleep(20);
    chat.raw.disconnectSockets(true);
    await expect(pending).rejects.toMatchObject({ code: "DISCONNECTED" });
  });

  it("acknowledges an ack-less event that was sent with a callback (Socket.IO retries), so the sender stops retrying", async () => {
    const { url, calls } = await startChat();
    const raw = client(url, "/chat", { auth: { token: "r" }, retries: 3, ackTimeout: 200 });
    await connected(raw);
    const answers: unknown[] = [];
    raw.emit("typing", "lobby", true);
    raw.timeout(500).emit("typing", "lobby", false, (error: unknown, answer: unknown) => answers.push(error ?? answer));
    await until(() => answers.length === 1);
    await sleep(300);
    expect(answers).toEqual([{ ok: true }]);
    expect(calls).toEqual([
      { event: "typing", args: ["lobby", true] },
      { event: "typing", args: ["lobby", false] },
    ]);
  });
});
