import { createAdapter } from "@socket.io/redis-adapter";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { redisAvailable, redisPair } from "../support/redis.js";
import { errorLog, sleep, startServer, until } from "../support/util.js";

const hasRedis = await redisAvailable();

/** Two Socket.IO servers joined by the Redis adapter, in one process (multi-process tests live in test/multi-node). */
async function twoNodes() {
  const nodes = [];
  const key = (await redisPair()).key;
  for (let i = 0; i < 2; i++) {
    const { pub, sub } = await redisPair();
    const { io } = await startServer();
    io.adapter(createAdapter(pub, sub, { key, requestsTimeout: 1_000 }));
    const log = errorLog();
    nodes.push({
      io,
      server: bindServer(contract, io, { onError: log.onError, ackTimeout: 1_500 }),
      errors: log.errors,
    });
  }
  await sleep(100);
  return nodes;
}

describe.runIf(hasRedis)("serverSideEmit between nodes", () => {
  it("delivers a valid inter-server event to the other node's handler", async () => {
    const [a, b] = await twoNodes();
    const received: string[] = [];
    b!.server.onServerSide("cache:invalidate", (key) => void received.push(key));
    a!.server.serverSideEmit("cache:invalidate", "user:42");
    await until(() => received.length === 1);
    expect(received).toEqual(["user:42"]);
  });

  it("returns every other node's validated answer for an ack-bearing event", async () => {
    const [a, b] = await twoNodes();
    b!.server.onServerSide("count:rooms", () => 7);
    expect(await a!.server.serverSideEmit("count:rooms")).toEqual([7]);
  });

  it("refuses an invalid outgoing inter-server event at the call site", async () => {
    const [a] = await twoNodes();
    expect(() => a!.server.serverSideEmit("cache:invalidate", 1 as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
  });

  it("reports an invalid incoming inter-server event through onError and does not call the handler", async () => {
    const [a, b] = await twoNodes();
    const received: unknown[] = [];
    b!.server.onServerSide("cache:invalidate", (key) => void received.push(key));
    a!.io.serverSideEmit("cache:invalidate", { not: "a string" });
    await until(() => b!.errors.length === 1);
    expect(b!.errors[0]).toMatchObject({ code: "INVALID_PAYLOAD", event: "cache:invalidate" });
    expect(received).toEqual([]);
  });
});

describe("serverSideEmit on a single node", () => {
  it("rejects an ack-bearing serverSideEmit with TIMEOUT instead of hanging when the adapter never answers", async () => {
    const { io } = await startServer();
    const server = bindServer(contract, io, { ackTimeout: 100 });
    const warn = console.warn;
    console.warn = () => {};
    try {
      await expect(server.serverSideEmit("count:rooms")).rejects.toMatchObject({ code: "TIMEOUT" });
    } finally {
      console.warn = warn;
    }
  });
});
