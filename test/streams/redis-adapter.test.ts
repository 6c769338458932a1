import { createAdapter } from "@socket.io/redis-adapter";
import { describe, expect, it } from "vitest";
import { redisAvailable, redisPair } from "../support/redis.js";
import { collect, pattern, sha256, startStreams } from "./support.js";

const hasRedis = await redisAvailable();

describe.runIf(hasRedis)("streams under the Redis adapter", () => {
  it("run between each client and its own node while both nodes share one Redis", async () => {
    const first = await redisPair();
    const second = await redisPair();
    const a = await startStreams({ adapter: createAdapter(first.pub, first.sub, { key: first.key }) });
    const b = await startStreams({ adapter: createAdapter(second.pub, second.sub, { key: first.key }) });
    const chunks = Array.from({ length: 20 }, (_, index) => pattern(index * 65_536, 65_536));
    const [itemsA, itemsB, upload] = await Promise.all([
      collect(a.chat.stream("count", { n: 1_000 })),
      collect(b.chat.stream("count", { n: 1_000 })),
      b.chat.stream("upload", { name: "b" }, chunks).ack,
    ]);
    expect(itemsA.map((item) => item.i)).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(itemsB.map((item) => item.i)).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(upload).toEqual({ bytes: 20 * 65_536, sha256: `b:${sha256(...chunks)}` });
    // The adapter really joins the nodes: each sees the other's socket.
    expect((await a.server.of("/s").fetchSockets()).length).toBe(2);
  });
});
