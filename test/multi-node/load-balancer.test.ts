import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { next, sleep, until } from "../support/util.js";
import { type BalancedClient, balancedClient } from "./support/balanced-clients.js";
import { type Balancer, nginxAvailable, startNginx } from "./support/nginx.js";
import { type TestNode, startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();
const hasNginx = nginxAvailable();

/**
 * One loopback address per node: the balancer hashes the client's address, so the test asks, from
 * 127.0.0.2 on, which node answers, until every node has an address (bounded).
 */
async function addressPerNode(balancer: Balancer, nodes: readonly TestNode[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let last = 2; last < 60 && found.size < nodes.length; last++) {
    const address = `127.0.0.${last}`;
    const probe = await balancedClient(balancer.url, address, { token: `probe-${last}`, transports: ["websocket"] });
    const node = await probe.whichNode();
    if (!found.has(node)) found.set(node, address);
    probe.bound.socket.disconnect();
  }
  expect([...found.keys()].sort()).toEqual(nodes.map((node) => node.name).sort());
  return found;
}

async function setUp() {
  const nodes = await startNodes(2, { adapter: "redis-streams", recovery: true });
  const balancer = await startNginx(nodes.map((node) => node.port));
  const addresses = await addressPerNode(balancer, nodes);
  return {
    nodes,
    balancer,
    a: nodes[0]!,
    b: nodes[1]!,
    addressA: addresses.get("node-a")!,
    addressB: addresses.get("node-b")!,
  };
}

async function ticks(node: TestNode, seqs: number[], intervalMs = 0): Promise<void> {
  for (const seq of seqs) {
    await node.request({
      cmd: "emit",
      namespace: "/chat",
      to: ["lobby"],
      event: "tick",
      args: [{ seq, from: node.name }],
    });
    if (intervalMs > 0) await sleep(intervalMs);
  }
}

const TOTAL = 205;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);
const seqs = (client: BalancedClient, from: string) =>
  client.ticks.filter((tick) => tick.from === from).map((tick) => tick.seq);

describe.runIf(hasRedis && hasNginx)(
  "two nodes on one Redis behind nginx, configured as docs/scaling-out.md says",
  () => {
    it("keeps each long-polling client on one node for every request, and a broadcast reaches the clients of both nodes", async () => {
      const { a, b, balancer, addressA, addressB } = await setUp();
      const [ann, bob] = await Promise.all([
        balancedClient(balancer.url, addressA, { token: "ann", rooms: ["lobby"], transports: ["polling"] }),
        balancedClient(balancer.url, addressB, { token: "bob", rooms: ["lobby"], transports: ["polling"] }),
      ]);
      // Thirty acked round trips each, every one a long-polling POST answered through a GET: all on
      // the node that opened the session, none refused, no reconnection.
      const annNodes: string[] = [];
      const bobNodes: string[] = [];
      for (let round = 0; round < 30; round++) {
        const [onA, onB] = await Promise.all([ann.whichNode(`room-${round}`), bob.whichNode(`room-${round}`)]);
        annNodes.push(onA);
        bobNodes.push(onB);
      }
      expect(new Set(annNodes)).toEqual(new Set(["node-a"]));
      expect(new Set(bobNodes)).toEqual(new Set(["node-b"]));
      await ticks(a, range(0, 5));
      await ticks(b, range(0, 5));
      await until(() => ann.ticks.length === 10 && bob.ticks.length === 10, 5_000);
      for (const client of [ann, bob]) {
        expect(seqs(client, "node-a")).toEqual(range(0, 5));
        expect(seqs(client, "node-b")).toEqual(range(0, 5));
        expect(client.bound.socket.io.engine.transport.name).toBe("polling");
        expect(client.connections).toEqual([false]);
        expect(client.connectErrors).toEqual([]);
        expect(client.errors).toEqual([]);
      }
      expect(balancer.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
    }, 40_000);

    it("refuses long-polling without the hash line: stickiness is what makes it work", async () => {
      const nodes = await startNodes(2, { adapter: "redis-streams", recovery: true });
      const balancer = await startNginx(
        nodes.map((node) => node.port),
        { withoutLines: ["hash $remote_addr"] },
      );
      const outcomes = await Promise.all(
        range(2, 6).map(async (last) => {
          try {
            const client = await balancedClient(balancer.url, `127.0.0.${last}`, {
              token: `rr-${last}`,
              transports: ["polling"],
              socket: { reconnection: false },
            });
            for (let round = 0; round < 10; round++) await client.whichNode(`room-${round}`);
            return "worked";
          } catch (error) {
            return (error as Error).message;
          }
        }),
      );
      // Round-robin sends the second request of a session to the node that did not open it.
      expect(outcomes.filter((outcome) => outcome === "worked")).toEqual([]);
      // Seen on the wire: the session opened on one node is unknown to the other.
      const handshake = await (await fetch(`${balancer.url}/socket.io/?EIO=4&transport=polling`)).text();
      const sid = (JSON.parse(handshake.slice(1)) as { sid: string }).sid;
      const answers = await Promise.all(
        range(0, 4).map(async () => {
          const response = await fetch(`${balancer.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
            method: "POST",
            body: '40/chat,{"token":"x"}',
          });
          return `${response.status} ${await response.text()}`;
        }),
      );
      expect(answers).toContain('400 {"code":1,"message":"Session ID unknown"}');
    }, 40_000);

    it("carries WebSocket clients and upgrades a polling client to WebSocket through the balancer", async () => {
      const { a, b, balancer, addressA, addressB } = await setUp();
      const ws = await balancedClient(balancer.url, addressA, {
        token: "ws",
        rooms: ["lobby"],
        transports: ["websocket"],
      });
      const upgrading = await balancedClient(balancer.url, addressB, { token: "up", rooms: ["lobby"] });
      const engine = upgrading.bound.socket.io.engine;
      if (engine.transport.name !== "websocket") await next(engine, "upgrade");
      expect(engine.transport.name).toBe("websocket");
      expect(await ws.whichNode()).toBe("node-a");
      expect(await upgrading.whichNode()).toBe("node-b");
      await ticks(a, range(0, 3));
      await ticks(b, range(0, 3));
      await until(() => ws.ticks.length === 6 && upgrading.ticks.length === 6, 5_000);
      for (const client of [ws, upgrading]) {
        expect(seqs(client, "node-a")).toEqual(range(0, 3));
        expect(seqs(client, "node-b")).toEqual(range(0, 3));
        expect(client.connections).toEqual([false]);
        expect(client.errors).toEqual([]);
      }
    }, 40_000);

    it("moves the clients of a stopped node to the other one, which replays every event they missed", async () => {
      const { a, b, balancer, addressA, addressB } = await setUp();
      const [polling, upgraded, bob] = await Promise.all([
        balancedClient(balancer.url, addressA, { token: "polling", rooms: ["lobby"], transports: ["polling"] }),
        balancedClient(balancer.url, addressA, { token: "upgraded", rooms: ["lobby"] }),
        balancedClient(balancer.url, addressB, { token: "bob", rooms: ["lobby"] }),
      ]);
      expect([await polling.whichNode(), await upgraded.whichNode(), await bob.whichNode()]).toEqual([
        "node-a",
        "node-a",
        "node-b",
      ]);
      await ticks(b, range(0, 5));
      await until(() => polling.ticks.length === 5 && upgraded.ticks.length === 5, 5_000);

      // node-a stops while node-b keeps broadcasting: 200 ticks over 2 s or more.
      const traffic = ticks(b, range(5, TOTAL), 10);
      await sleep(200);
      await a.stop();
      await traffic;
      await until(() => polling.connections.length === 2 && upgraded.connections.length === 2, 10_000);
      // Bounded wait, then the exact sequences: a lost or doubled tick shows in the diff.
      await until(
        () => polling.ticks.length >= TOTAL && upgraded.ticks.length >= TOTAL && bob.ticks.length >= TOTAL,
        10_000,
      ).catch(() => {});

      for (const client of [polling, upgraded]) {
        expect(client.connections).toEqual([false, true]);
        expect(await client.whichNode()).toBe("node-b");
        expect(seqs(client, "node-b")).toEqual(range(0, TOTAL));
        expect(client.errors).toEqual([]);
      }
      expect(seqs(bob, "node-b")).toEqual(range(0, TOTAL));
      expect(b.errors).toEqual([]);
      console.info(
        `[load balancer] node stopped: ${polling.connectErrors.length + upgraded.connectErrors.length} failed reconnection attempts; both clients recovered, with all ${TOTAL} ticks in order`,
      );
    }, 40_000);

    it("moves the clients of a killed node to the other one, where they keep working in their rooms, with a new session", async () => {
      const { a, b, balancer, addressA, addressB } = await setUp();
      const [ann, bob] = await Promise.all([
        balancedClient(balancer.url, addressA, { token: "ann", rooms: ["lobby"] }),
        balancedClient(balancer.url, addressB, { token: "bob", rooms: ["lobby"] }),
      ]);
      expect(await ann.whichNode()).toBe("node-a");
      const traffic = ticks(b, range(0, 40), 50);
      await sleep(200);
      await a.kill();
      await traffic;
      await until(() => ann.connections.length === 2, 10_000);
      // A crashed node stored no session: the reconnection is a new one, in the rooms its auth names.
      expect(ann.connections).toEqual([false, false]);
      expect(await ann.whichNode()).toBe("node-b");
      await ticks(b, [40]);
      await until(() => seqs(ann, "node-b").includes(40) && bob.ticks.length === 41, 5_000);
      const missed = 40 - seqs(ann, "node-b").filter((seq) => seq < 40).length;
      console.info(
        `[load balancer] node killed: the client missed ${missed} of 40 ticks sent while it reconnected (not replayable: no session was stored)`,
      );
      expect(seqs(bob, "node-b")).toEqual(range(0, 41));
      expect(ann.errors).toEqual([]);
    }, 40_000);
  },
);
