import { createAdapter } from "@socket.io/redis-adapter";
import { defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { redisAvailable, redisPair } from "../support/redis.js";
import { client, connected, errorLog, startServer } from "../support/util.js";

const tenants = defineContract({
  name: "tenants",
  version: "1.0.0",
  namespaces: {
    "/chat": { serverToClient: { notice: { args: [z.string()] } } },
    "/org/:orgId": {
      params: z.object({ orgId: z.string().transform((id) => id.toUpperCase()) }),
      data: z.object({ user: z.string() }),
      serverToClient: { notice: { args: [z.string()] } },
    },
    "/doc/:docId/page/:page": { serverToClient: { notice: { args: [z.string()] } } },
  },
});

/** What a user reads off a fetched socket to tell its tenant, sorted by path then user. */
function tenantsOf(sockets: { namespace: string; params: object; data: unknown }[]) {
  return sockets
    .map(({ namespace, params, data }) => ({ namespace, params, data }))
    .sort((x, y) => `${x.namespace}${JSON.stringify(x.data)}`.localeCompare(`${y.namespace}${JSON.stringify(y.data)}`));
}

function connect(url: string, path: string, user: string) {
  const socket = client(url, path, { auth: { user } });
  return connected(socket).then(() => socket);
}

function bind(io: Parameters<typeof bindServer>[1], onError?: (error: unknown, context: unknown) => void) {
  const server = bindServer(tenants, io, { onError });
  server.of("/org/:orgId").use((socket) => {
    socket.data = { user: String((socket.handshake.auth as { user: string }).user) };
  });
  return server;
}

// A socket from `orgs.fetchSockets()` carried no tenant: no path, no params, so a server could not
// tell which organisation a fetched socket belonged to, while a connected bound socket has
// `socket.namespace` (the concrete path) and `socket.params`.
describe("a fetched socket's tenant", () => {
  it("is its concrete path and parsed params, from the pattern, from one tenant, and from a static namespace", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    const server = bind(io, log.onError);
    await Promise.all([
      connect(url, "/org/acme", "ann"),
      connect(url, "/org/acme", "bob"),
      connect(url, "/org/other", "cat"),
      connect(url, "/doc/7/page/2", "dan"),
      connect(url, "/chat", "eve"),
    ]);

    expect(tenantsOf(await server.of("/org/:orgId").fetchSockets())).toEqual([
      { namespace: "/org/acme", params: { orgId: "ACME" }, data: { user: "ann" } },
      { namespace: "/org/acme", params: { orgId: "ACME" }, data: { user: "bob" } },
      { namespace: "/org/other", params: { orgId: "OTHER" }, data: { user: "cat" } },
    ]);
    expect(tenantsOf(await server.of("/org/acme").fetchSockets())).toEqual([
      { namespace: "/org/acme", params: { orgId: "ACME" }, data: { user: "ann" } },
      { namespace: "/org/acme", params: { orgId: "ACME" }, data: { user: "bob" } },
    ]);
    const [doc] = await server.of("/doc/:docId/page/:page").fetchSockets();
    expect([doc!.namespace, doc!.params]).toEqual(["/doc/7/page/2", { docId: "7", page: "2" }]);
    const [chat] = await server.of("/chat").fetchSockets();
    expect([chat!.namespace, chat!.params]).toEqual(["/chat", {}]);
    expect(log.errors).toEqual([]);
  });

  it("names the tenant in onError when a fetched socket's data breaks the contract", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    const server = bind(io, log.onError);
    const socket = await connect(url, "/org/acme", "ann");
    (io.of("/org/acme").sockets.get(socket.id!)!.data as { user: unknown }).user = 42;
    await server.of("/org/:orgId").fetchSockets();
    expect(log.errors.map((e) => [e.code, e.namespace, e.socketId])).toEqual([
      ["INVALID_PAYLOAD", "/org/acme", socket.id],
    ]);
  });
});

const hasRedis = await redisAvailable();

describe.skipIf(!hasRedis)("a fetched socket's tenant across nodes, under the Redis adapter", () => {
  it("is its concrete path and parsed params for the other node's sockets too, and its emit reaches that tenant", async () => {
    const nodes = await Promise.all(
      [0, 1].map(async () => {
        const { io, url } = await startServer();
        const { pub, sub, key } = await redisPair();
        return { io, url, pub, sub, key };
      }),
    );
    for (const node of nodes) node.io.adapter(createAdapter(node.pub, node.sub, { key: nodes[0]!.key }));
    const [a] = nodes.map((node) => bind(node.io));
    const [, , cat] = await Promise.all([
      connect(nodes[0]!.url, "/org/acme", "ann"),
      connect(nodes[1]!.url, "/org/acme", "bob"),
      connect(nodes[1]!.url, "/org/other", "cat"),
    ]);
    // Node A reaches the tenants it has (a pattern's fetchSockets reaches every node's sockets of those).
    a!.of("/org/other");
    const fetched = await a!.of("/org/:orgId").fetchSockets();
    expect(tenantsOf(fetched)).toEqual([
      { namespace: "/org/acme", params: { orgId: "ACME" }, data: { user: "ann" } },
      { namespace: "/org/acme", params: { orgId: "ACME" }, data: { user: "bob" } },
      { namespace: "/org/other", params: { orgId: "OTHER" }, data: { user: "cat" } },
    ]);
    expect(tenantsOf(await a!.of("/org/other").fetchSockets())).toEqual([
      { namespace: "/org/other", params: { orgId: "OTHER" }, data: { user: "cat" } },
    ]);
    // The remote socket's emit goes to its tenant on node B.
    const received = new Promise<string>((resolve) => cat.once("notice", resolve));
    fetched.find((socket) => socket.id === cat.id)!.emit("notice", "to cat, from node a");
    expect(await received).toBe("to cat, from node a");
  });
});
