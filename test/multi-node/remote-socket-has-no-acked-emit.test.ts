import { bindClient } from "@socket-contract/client";
import { type BoundRemoteSocket, bindServer } from "@socket-contract/server";
import { createAdapter } from "@socket.io/redis-adapter";
import type { ServerOptions } from "socket.io";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { redisAvailable, redisPair } from "../support/redis.js";
import { client, connected, errorLog, startServer } from "../support/util.js";

const hasRedis = await redisAvailable();

/** A bound chat server: every socket's userId is its token. */
async function chatNode(adapter?: ServerOptions["adapter"]) {
  const { io, url } = await startServer(adapter === undefined ? {} : { adapter });
  const log = errorLog();
  const server = bindServer(contract, io, { onError: log.onError });
  const chat = server.of("/chat");
  chat.use((socket) => {
    socket.data.userId = socket.auth.token;
  });
  return { url, chat, errors: log.errors };
}

/** A client that answers `ping` as told: "pong" or a wrong answer (bound clients), or never (a plain socket). */
async function pinged(url: string, token: string, answer: "pong" | "wrong" | "never") {
  const socket = client(url, "/chat", { auth: { token } });
  if (answer !== "never") {
    const bound = bindClient(contract, "/chat", socket);
    bound.on("ping", () => (answer === "pong" ? "pong" : ("nope" as never)));
    bound.onError(() => {});
  }
  await connected(socket);
  return socket;
}

async function fetchOne(
  chat: Awaited<ReturnType<typeof chatNode>>["chat"],
  token: string,
): Promise<BoundRemoteSocket<typeof contract, "/chat">> {
  let found: BoundRemoteSocket<typeof contract, "/chat"> | undefined;
  const deadline = Date.now() + 5_000;
  while (found === undefined) {
    found = (await chat.fetchSockets()).find((socket) => socket.data.userId === token);
    if (found === undefined && Date.now() > deadline) throw new Error(`no socket of ${token}`);
  }
  return found;
}

/** What every setup must show: validated acks, refused answers, silence and departures, each with its code. */
async function expectAckedEmits(chat: Awaited<ReturnType<typeof chatNode>>["chat"], url: string): Promise<void> {
  const ann = await pinged(url, "ann", "pong");
  const bob = await pinged(url, "bob", "wrong");
  const cat = await pinged(url, "cat", "never");
  const [remoteAnn, remoteBob, remoteCat] = [
    await fetchOne(chat, "ann"),
    await fetchOne(chat, "bob"),
    await fetchOne(chat, "cat"),
  ];
  await expect(remoteAnn.emit("ping")).resolves.toBe("pong");
  await expect(remoteAnn.timeout(2_000).emit("ping")).resolves.toBe("pong");
  await expect(remoteBob.timeout(2_000).emit("ping")).rejects.toMatchObject({
    code: "INVALID_ACK",
    event: "ping",
    namespace: "/chat",
  });
  const started = performance.now();
  await expect(remoteCat.timeout(200).emit("ping")).rejects.toMatchObject({ code: "TIMEOUT", event: "ping" });
  expect(performance.now() - started).toBeLessThan(2_000);
  // A recipient that leaves while its answer is owed: DISCONNECTED as soon as it is gone, not at the timeout.
  const waiting = remoteCat.timeout(10_000).emit("ping");
  setTimeout(() => cat.disconnect(), 50);
  const left = performance.now();
  await expect(waiting).rejects.toMatchObject({ code: "DISCONNECTED", event: "ping" });
  expect(performance.now() - left).toBeLessThan(5_000);
  // One already gone: DISCONNECTED too.
  await expect(remoteCat.timeout(2_000).emit("ping")).rejects.toMatchObject({ code: "DISCONNECTED" });
  // A payload the contract refuses throws at the call, as every server emit does.
  expect(() => remoteAnn.emit("notice", 42 as never)).toThrow(expect.objectContaining({ code: "INVALID_PAYLOAD" }));
  void ann;
  void bob;
}

describe("an acked emit on a socket from fetchSockets()", () => {
  it("on one node: the validated ack, INVALID_ACK, TIMEOUT and DISCONNECTED", async () => {
    const { url, chat } = await chatNode();
    await expectAckedEmits(chat, url);
  });

  it.runIf(hasRedis)("across two nodes over the Redis adapter, from the node the socket is not on", async () => {
    const first = await redisPair();
    const second = await redisPair();
    const a = await chatNode(createAdapter(first.pub, first.sub, { key: first.key }));
    const b = await chatNode(createAdapter(second.pub, second.sub, { key: first.key }));
    // The clients connect to node b; node a fetches and asks them.
    await expectAckedEmits(a.chat, b.url);
    const remote = await fetchOne(a.chat, "ann");
    expect(remote.raw.constructor.name).toBe("RemoteSocket");
  });
});
