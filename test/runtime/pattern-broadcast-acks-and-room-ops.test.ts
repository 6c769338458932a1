import { createAdapter } from "@socket.io/redis-adapter";
import { bindClient } from "@socket-contract/client";
import { ContractError, defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { redisAvailable, redisPair } from "../support/redis.js";
import { client, connected, sleep, startServer, until } from "../support/util.js";

// Socket.IO's parent namespace broadcasts plain events to its children, but its other operations
// (a broadcast with acks, socketsJoin/Leave, disconnectSockets) ran on its own adapter, which holds
// no socket: acks resolved [] at once whatever the tenants answered, and the rest did nothing.
const tenants = defineContract({
  name: "tenants",
  version: "1.0.0",
  namespaces: {
    "/org/:orgId": {
      serverToClient: { notice: { args: [z.string()] }, ask: { args: [], ack: z.number() } },
    },
  },
});

async function setup() {
  const { io, url } = await startServer();
  const server = bindServer(tenants, io);
  const orgs = server.of("/org/:orgId");
  orgs.on("connection", (socket) => socket.join("staff"));
  const org = async (orgId: string, answer: unknown) => {
    const socket = client(url, `/org/${orgId}`);
    const bound = bindClient(tenants, `/org/${orgId}`, socket);
    const notices: string[] = [];
    bound.on("notice", (text) => {
      notices.push(text);
    });
    bound.on("ask", () => answer as number);
    await connected(socket);
    return { socket, notices };
  };
  return { server, orgs, org };
}

describe("the pattern of a dynamic namespace, as a broadcast target", () => {
  it("collects every tenant's validated ack", async () => {
    const { orgs, org } = await setup();
    await org("acme", 1);
    await org("other", 2);
    expect((await orgs.timeout(2_000).emit("ask")).sort()).toEqual([1, 2]);
    expect(await orgs.to("staff").timeout(2_000).emit("ask")).toHaveLength(2);
    expect(await orgs.to("nobody").timeout(2_000).emit("ask")).toEqual([]);
  });

  it("rejects with INVALID_ACK, the valid answers in data, when one tenant answers wrongly", async () => {
    const { orgs, org } = await setup();
    await org("acme", 1);
    await org("other", "not a number");
    const error = await orgs
      .timeout(2_000)
      .emit("ask")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "INVALID_ACK", data: [1] });
  });

  it("fetches the sockets of every tenant, as the other operations reach them", async () => {
    const { orgs, org } = await setup();
    const acme = await org("acme", 1);
    const other = await org("other", 2);
    const ids = (sockets: { id: string }[]) => sockets.map((socket) => socket.id).sort();
    expect(ids(await orgs.fetchSockets())).toEqual(ids([acme.socket, other.socket] as { id: string }[]));
    expect(ids(await orgs.in("staff").fetchSockets())).toEqual(ids([acme.socket, other.socket] as { id: string }[]));
    expect(await orgs.in("nobody").fetchSockets()).toEqual([]);
    const [found] = await orgs.except("nobody").timeout(1_000).fetchSockets();
    expect(found!.rooms.has("staff")).toBe(true);
  });

  it("joins, leaves and disconnects the sockets of every tenant", async () => {
    const { orgs, org } = await setup();
    const acme = await org("acme", 1);
    const other = await org("other", 2);
    orgs.socketsJoin("news");
    orgs.emit("notice", "joined"); // after the join: the same node, in order
    orgs.to("news").emit("notice", "news");
    await until(() => acme.notices.length === 2 && other.notices.length === 2);
    orgs.socketsLeave("news");
    orgs.to("news").emit("notice", "after leave");
    orgs.emit("notice", "all");
    await until(() => acme.notices.length === 3 && other.notices.length === 3);
    expect(acme.notices).toEqual(["joined", "news", "all"]);
    expect(other.notices).toEqual(["joined", "news", "all"]);
    orgs.disconnectSockets();
    await until(() => !acme.socket.connected && !other.socket.connected);
    await sleep(10);
    expect([acme.socket.connected, other.socket.connected]).toEqual([false, false]);
  });
});

describe.skipIf(!(await redisAvailable()))("the pattern's acks behind the Redis adapter", () => {
  it("counts a tenant's sockets on every node that has the tenant, once each", async () => {
    const nodes = await Promise.all(
      [0, 1].map(async () => {
        const { io, url } = await startServer();
        const { pub, sub, key } = await redisPair();
        return { io, url, pub, sub, key };
      }),
    );
    const key = nodes[0]!.key;
    for (const node of nodes) node.io.adapter(createAdapter(node.pub, node.sub, { key }));
    const [a] = nodes.map((node) => bindServer(tenants, node.io));
    const answer = (url: string, path: `/org/${string}`, value: number) => {
      const socket = client(url, path);
      bindClient(tenants, path, socket).on("ask", () => value);
      return connected(socket);
    };
    // /org/acme on both nodes, /org/solo on node A only.
    await answer(nodes[0]!.url, "/org/acme", 1);
    await answer(nodes[1]!.url, "/org/acme", 2);
    await answer(nodes[0]!.url, "/org/solo", 3);
    const started = Date.now();
    expect((await a!.of("/org/:orgId").timeout(3_000).emit("ask")).sort()).toEqual([1, 2, 3]);
    expect(Date.now() - started).toBeLessThan(2_000);
    // fetchSockets() reaches the same sockets: each tenant of node A, on both nodes.
    expect(await a!.of("/org/:orgId").timeout(3_000).fetchSockets()).toHaveLength(3);
    expect(await a!.of("/org/acme").fetchSockets()).toHaveLength(2);
  });
});
