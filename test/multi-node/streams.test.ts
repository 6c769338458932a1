import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { until } from "../support/util.js";
import { chatClient } from "./support/clients.js";
import { startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();
const NOTES = 300;
const COUNT = 2_000;

// Issue 13: a stream is between one client and the node it is connected to, whatever the adapter;
// what a stream's handler broadcasts crosses nodes like any broadcast.
describe.runIf(hasRedis).each(["redis", "redis-streams"] as const)(
  "streams on two node processes under the %s adapter",
  (adapter) => {
    it("an upload stream to one node is relayed to the room on both nodes while a download streams from the other", {
      timeout: 60_000,
    }, async () => {
      const [a, b] = await startNodes(2, { adapter });
      const [ann, bob, cat] = await Promise.all([
        chatClient(a!, { token: "ann", rooms: ["lobby"] }),
        chatClient(b!, { token: "bob", rooms: ["lobby"] }),
        chatClient(a!, { token: "cat", rooms: ["lobby"] }),
      ]);
      const notes = Array.from({ length: NOTES }, (_, index) => `note ${index}`);

      // At once: ann uploads to node a; bob, on node b, downloads from node b with a small window.
      const relay = ann.bound.stream("notes:relay", "lobby", notes).ack;
      const download = bob.bound.stream("notes:count", COUNT, { window: 4 });
      const items: { i: number; node: string }[] = [];
      for await (const item of download) items.push(item);

      await expect(relay).resolves.toEqual({ node: a!.name, count: NOTES });
      await expect(download.ack).resolves.toEqual({ node: b!.name, count: COUNT });
      expect(items.length).toBe(COUNT);
      expect(items.every((item, index) => item.i === index && item.node === b!.name)).toBe(true);
      // Every note reached the room on both nodes, in order, once: the uploader included.
      await until(() => [ann, bob, cat].every((client) => client.notices.length === NOTES), 10_000);
      for (const client of [ann, bob, cat]) expect(client.notices).toEqual(notes);
      expect([ann, bob, cat].flatMap((client) => client.errors)).toEqual([]);
      expect([...a!.errors, ...b!.errors]).toEqual([]);
    });
  },
);
