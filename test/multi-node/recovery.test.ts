import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { next, sleep, until } from "../support/util.js";
import { validations } from "./fixtures/cluster-contract.js";
import { type ChatClient, chatClient } from "./support/clients.js";
import { type TestNode, startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();

async function ticks(node: TestNode, from: string, seqs: number[]): Promise<void> {
  for (const seq of seqs)
    await node.request({ cmd: "emit", namespace: "/chat", to: ["lobby"], event: "tick", args: [{ seq, from }] });
}

/** Cuts the client's connection the way a network does (not a client-side disconnect()). */
async function cut(client: ChatClient): Promise<void> {
  const disconnected = next<[string]>(client.bound.socket, "disconnect");
  client.bound.socket.io.engine.close();
  // The client closed its transport itself ("forced close"); the server sees a "transport close",
  // a reason it keeps the session for.
  expect((await disconnected)[0]).toBe("forced close");
}

async function reconnect(client: ChatClient, url?: string): Promise<boolean> {
  // The Manager opens every new connection on its `uri`: pointing it elsewhere moves the client
  // to another node, as a load balancer would after the first node went away.
  if (url !== undefined) (client.bound.socket.io as unknown as { uri: string }).uri = url;
  const connected = next(client.bound.socket, "connect");
  client.bound.socket.connect();
  await connected;
  return client.bound.socket.recovered;
}

const seqs = (client: ChatClient, from: string) =>
  client.ticks.filter((tick) => tick.from === from).map((tick) => tick.seq);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

describe("connection state recovery with the in-memory adapter", () => {
  it("delivers the events missed during a short disconnection, each validated by the client runtime", async () => {
    const [a] = await startNodes(1, { adapter: "memory", recovery: true });
    const [ann, bob] = await Promise.all([
      chatClient(a!, { token: "ann", rooms: ["lobby"] }),
      chatClient(a!, { token: "bob", rooms: ["lobby"] }),
    ]);
    await ticks(a!, "node-a", [0]);
    await until(() => ann.ticks.length === 1 && bob.ticks.length === 1, 5_000);

    await cut(ann);
    await ticks(a!, "node-a", range(1, 11));
    // Sent past the server runtime: the client runtime must refuse it even when it is replayed.
    await a!.request({ cmd: "rawEmit", to: ["lobby"], event: "tick", args: [{ seq: "not a number", from: "node-a" }] });
    await until(() => bob.ticks.length === 11, 5_000);
    const validatedBefore = validations.tick;
    expect(await reconnect(ann)).toBe(true);
    await ticks(a!, "node-a", [11]);
    await until(() => ann.ticks.length === 12, 5_000);
    await sleep(100);

    expect(seqs(ann, "node-a")).toEqual(range(0, 12));
    expect(ann.errors).toEqual([expect.objectContaining({ code: "INVALID_PAYLOAD", event: "tick" })]);
    // The client runtime parsed the ten replayed ticks, then the live one (ann's and bob's copies).
    expect(validations.tick - validatedBefore).toBe(10 + 2);
    expect(bob.errors).toHaveLength(1);
  });
});

describe.runIf(hasRedis)("connection state recovery with the Redis Streams adapter", () => {
  it("replays on another node the events every node sent while the client was away, validated by the client runtime", async () => {
    const [a, b] = await startNodes(2, { adapter: "redis-streams", recovery: true });
    const [ann, bob] = await Promise.all([
      chatClient(a!, { token: "ann", rooms: ["lobby"] }),
      chatClient(b!, { token: "bob", rooms: ["lobby"] }),
    ]);
    await ticks(a!, "node-a", [0]);
    await until(() => ann.ticks.length === 1 && bob.ticks.length === 1, 5_000);

    await cut(ann);
    await ticks(a!, "node-a", range(1, 6));
    await ticks(b!, "node-b", range(0, 5));
    await b!.request({ cmd: "rawEmit", to: ["lobby"], event: "tick", args: [{ seq: -1, from: "node-b" }] });
    await until(() => bob.ticks.length === 11, 5_000);
    // ann comes back on node-b, which reads what she missed from the stream.
    expect(await reconnect(ann, b!.url)).toBe(true);
    await ticks(a!, "node-a", [6]);
    await until(() => ann.ticks.length === 12, 5_000);
    await sleep(100);

    expect(seqs(ann, "node-a")).toEqual(range(0, 7));
    expect(seqs(ann, "node-b")).toEqual(range(0, 5));
    expect(ann.errors).toEqual([expect.objectContaining({ code: "INVALID_PAYLOAD", event: "tick" })]);
    expect(bob.errors).toEqual([expect.objectContaining({ code: "INVALID_PAYLOAD", event: "tick" })]);
  });
});
