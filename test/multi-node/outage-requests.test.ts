import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { chatClient } from "./support/clients.js";
import { NodeCommandError, type TestNode, startNodes, untilConnected } from "./support/nodes.js";
import { RedisServer } from "./support/redis-server.js";

// These tests start their own redis-server; the probe only decides whether Redis is installed.
const hasRedis = await redisAvailable();
const TIMEOUT_MS = 2_000;
/** What "within the timeout" allows on top of it: the IPC round trip to the node, on a busy machine. */
const SLACK_MS = 1_500;

type Outcome = { ms: number; value?: unknown; code?: string; message?: string; data?: unknown };

async function timed(node: TestNode, command: Parameters<TestNode["request"]>[0]): Promise<Outcome> {
  const started = Date.now();
  try {
    const value = await node.request(command, 30_000);
    return { ms: Date.now() - started, value };
  } catch (error) {
    if (!(error instanceof NodeCommandError)) throw error;
    return { ms: Date.now() - started, code: error.code, message: error.message, data: error.data };
  }
}

const tokens = (answers: unknown) => (answers as { token: string }[]).map((answer) => answer.token).sort();

describe.runIf(hasRedis).each([
  { adapter: "redis", recovery: false },
  { adapter: "redis-streams", recovery: true },
] as const)(
  "fetchSockets() and broadcasts with acks while Redis is down, under the $adapter adapter",
  ({ adapter, recovery }) => {
    it("settle within their timeout, with TIMEOUT and the answers that did arrive, and work again once Redis is back", async () => {
      const redis = await RedisServer.start();
      const [a, b] = await startNodes(2, { adapter, redisUrl: redis.url, recovery });
      await Promise.all([chatClient(a!, { token: "ann" }), chatClient(b!, { token: "bob" })]);
      expect((await a!.request<unknown[]>({ cmd: "fetchSockets", timeoutMs: TIMEOUT_MS })).length).toBe(2);
      expect(tokens(await a!.request({ cmd: "pingAll", timeoutMs: TIMEOUT_MS }))).toEqual(["ann", "bob"]);

      await redis.stop();
      const stoppedAt = Date.now();
      const unbounded = a!.request<number>({ cmd: "rawFetchSockets" }, 60_000).then(
        (count) => ({ count, afterMs: Date.now() - stoppedAt }),
        (error: Error) => ({ error: error.message, afterMs: Date.now() - stoppedAt }),
      );
      const fetched = await timed(a!, { cmd: "fetchSockets", timeoutMs: TIMEOUT_MS });
      const pinged = await timed(a!, { cmd: "pingAll", timeoutMs: TIMEOUT_MS });
      console.info(
        `[redis outage] ${adapter}: fetchSockets() ${JSON.stringify(fetched)}; broadcast with acks ${JSON.stringify(pinged)}`,
      );

      // Never a hang: each settles within its timeout, and a failure says what it is.
      expect(fetched.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(fetched).toMatchObject({
        code: "TIMEOUT",
        message: `fetchSockets() got no answer from the adapter within ${TIMEOUT_MS} ms.`,
      });
      expect(pinged.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(pinged).toMatchObject({ code: "TIMEOUT" });
      // The partial result: the answers that arrived, here the node's own client's.
      expect(tokens(pinged.data)).toEqual(["ann"]);
      expect(pinged.message).toBe(
        `${(pinged.data as unknown[]).length} of the expected acknowledgements arrived in time.`,
      );

      const restartedAt = Date.now() - stoppedAt;
      await redis.restart();
      // Socket.IO's own fetchSockets(), unbounded, waited for Redis to come back.
      const raw = await unbounded;
      console.info(
        `[redis outage] ${adapter}: Socket.IO's fetchSockets() alone settled ${raw.afterMs} ms after Redis stopped (restarted from ${restartedAt} ms on): ${JSON.stringify(raw)}`,
      );
      expect(raw.afterMs).toBeGreaterThanOrEqual(restartedAt);
      await untilConnected([a!, b!], 2, 15_000);
      expect((await a!.request<unknown[]>({ cmd: "fetchSockets", timeoutMs: TIMEOUT_MS })).length).toBe(2);
      expect(tokens(await a!.request({ cmd: "pingAll", timeoutMs: TIMEOUT_MS }))).toEqual(["ann", "bob"]);
      for (const node of [a!, b!]) {
        expect(node.alive).toBe(true);
        expect(node.unhandled).toEqual([]);
      }
    }, 60_000);
  },
);
