import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { client, connected, next } from "../support/util.js";
import { chatClient } from "./support/clients.js";
import { NodeCommandError, type TestNode, startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();
const adapters = [...(hasRedis ? (["redis", "redis-streams"] as const) : []), "cluster"] as const;
const LONG = 30_000;

/** A plain client of the node's /chat that receives "ping" and never answers it. */
async function silentClient(node: TestNode, token: string) {
  const socket = client(node.url, "/chat", { auth: { token, rooms: [] } });
  await connected(socket);
  return { socket, pinged: next(socket, "ping") };
}

// Issue 17, defect 1 across nodes: a recipient on another node that disconnects while it owes the
// broadcast's ack is answered DISCONNECTED by its own node, through the adapter, as a local one is.
describe.each(adapters)("a broadcast with acks across nodes under the %s adapter", (adapter) => {
  it("counts recipients that disconnected on either node as failed at once, not at the timeout", {
    timeout: 30_000,
  }, async () => {
    const [a, b] = await startNodes(2, { adapter });
    await Promise.all([chatClient(a!, { token: "ann" }), chatClient(b!, { token: "bob" })]);
    const local = await silentClient(a!, "lou");
    const remote = await silentClient(b!, "rem");

    const started = Date.now();
    const answers = a!.request({ cmd: "pingAll", timeoutMs: LONG }, LONG + 5_000);
    await Promise.all([local.pinged, remote.pinged]);
    local.socket.disconnect();
    remote.socket.io.engine.close();
    const error = await answers.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const ms = Date.now() - started;
    console.info(
      `[broadcast acks] ${adapter}: two nodes, one recipient gone on each: settled in ${ms} ms (timeout ${LONG} ms)`,
    );

    expect(error).toBeInstanceOf(NodeCommandError);
    const failure = error as NodeCommandError;
    expect(failure.code).toBe("DISCONNECTED");
    expect(failure.message).toBe("2 of 4 recipients disconnected before answering.");
    expect((failure.data as { token: string }[]).map((answer) => answer.token).sort()).toEqual(["ann", "bob"]);
    expect(ms).toBeLessThan(10_000);
    expect([...a!.errors, ...b!.errors]).toEqual([]);
  });
});
