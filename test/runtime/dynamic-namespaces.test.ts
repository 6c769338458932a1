import { createAdapter } from "@socket.io/redis-adapter";
import { bindClient } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { redisAvailable, redisPair } from "../support/redis.js";
import { client, connected, errorLog, next, sleep, startServer, until } from "../support/util.js";

const tenants = defineContract({
  name: "tenants",
  version: "1.0.0",
  namespaces: {
    "/chat": { clientToServer: { hello: { args: [], ack: z.string() } } },
    "/org/:orgId": {
      params: z.object({ orgId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
      auth: z.object({ token: z.string().min(1) }),
      clientToServer: {
        whoami: { args: [], ack: z.object({ orgId: z.string(), path: z.string(), token: z.string() }) },
      },
      serverToClient: { notice: { args: [z.string()] } },
    },
    "/doc/:docId": { serverToClient: { notice: { args: [z.string()] } } },
  },
});

async function setup() {
  const { io, url } = await startServer();
  const log = errorLog();
  const server = bindServer(tenants, io, { onError: log.onError });
  const orgs = server.of("/org/:orgId");
  const admitted: string[] = [];
  orgs.use((socket) => {
    admitted.push(socket.params.orgId);
  });
  orgs.on("connection", (socket) => {
    socket.on("whoami", () => ({ orgId: socket.params.orgId, path: socket.raw.nsp.name, token: socket.auth.token }));
  });
  const org = async (orgId: string) => {
    const socket = client(url, `/org/${orgId}`, { auth: { token: `t-${orgId}` } });
    const bound = bindClient(tenants, `/org/${orgId}`, socket);
    const notices: string[] = [];
    bound.on("notice", (text) => {
      notices.push(text);
    });
    await connected(socket);
    return { bound, notices };
  };
  return { io, url, server, orgs, admitted, org, errors: log.errors };
}

describe("dynamic namespaces over real sockets", () => {
  it("serves every tenant through one pattern, with parsed params", async () => {
    const { org, admitted } = await setup();
    const acme = await org("acme");
    const other = await org("other-co");
    expect(await acme.bound.emit("whoami")).toEqual({ orgId: "acme", path: "/org/acme", token: "t-acme" });
    expect(await other.bound.emit("whoami")).toEqual({ orgId: "other-co", path: "/org/other-co", token: "t-other-co" });
    expect(admitted.sort()).toEqual(["acme", "other-co"]);
  });

  it("keeps tenants apart: a broadcast to /org/acme never reaches /org/other; the pattern reaches all", async () => {
    const { server, orgs, org } = await setup();
    const acme = await org("acme");
    const other = await org("other");
    server.of("/org/acme").emit("notice", "acme only");
    server.of("/org/other").emit("notice", "other only");
    orgs.emit("notice", "everyone");
    await until(() => acme.notices.length === 2 && other.notices.length === 2);
    await sleep(100);
    expect(acme.notices).toEqual(["acme only", "everyone"]);
    expect(other.notices).toEqual(["other only", "everyone"]);
    expect(server.of("/org/acme").name).toBe("/org/acme");
    expect(await server.of("/org/acme").fetchSockets()).toHaveLength(1);
  });

  it("runs a child's own middleware and connection listeners for that tenant only", async () => {
    const { server, org } = await setup();
    const seen: string[] = [];
    server.of("/org/acme").use((socket) => {
      seen.push(`use:${socket.params.orgId}`);
    });
    server.of("/org/acme").on("connection", (socket) => {
      seen.push(`connection:${socket.params.orgId}`);
    });
    await org("other");
    await org("acme");
    expect(seen).toEqual(["use:acme", "connection:acme"]);
  });

  it("refuses a path whose params fail their schema with INVALID_PAYLOAD and the issues, before any middleware", async () => {
    const { url, admitted, errors } = await setup();
    const socket = client(url, "/org/NOT_VALID", { auth: { token: "t" } });
    const refused = await connected(socket).catch((error: { data?: unknown }) => error);
    expect(refused).toMatchObject({
      data: { code: "INVALID_PAYLOAD", issues: [{ path: ["orgId"], code: "invalid_format" }] },
    });
    expect(JSON.stringify(refused)).not.toContain("NOT_VALID");
    expect(admitted).toEqual([]);
    expect(errors).toMatchObject([{ code: "INVALID_PAYLOAD", namespace: "/org/NOT_VALID" }]);
  });

  it("refuses a path that matches no namespace as Socket.IO does", async () => {
    const { url } = await setup();
    const refused = await connected(client(url, "/org/acme/extra")).catch((error: Error) => error);
    expect(refused).toMatchObject({ message: "Invalid namespace" });
  });

  it("gives raw strings as params when the key declares no schema", async () => {
    const { server, url } = await setup();
    const ids: unknown[] = [];
    server.of("/doc/:docId").on("connection", (socket) => {
      ids.push(socket.params);
      expectTypeOf(socket.params).toEqualTypeOf<{ readonly docId: string }>();
    });
    await connected(client(url, "/doc/42"));
    await until(() => ids.length === 1);
    expect(ids).toEqual([{ docId: "42" }]);
  });

  it("types and checks a client's concrete path, and names a path that matches nothing", async () => {
    const { url } = await setup();
    const socket = client(url, "/org/acme", { auth: { token: "t" } });
    const acme = bindClient(tenants, "/org/acme", socket);
    expectTypeOf(acme.emit("whoami")).resolves.toEqualTypeOf<{ orgId: string; path: string; token: string }>();
    // @ts-expect-error a path that matches no namespace does not compile
    expect(() => bindClient(tenants, "/nowhere", socket)).toThrow(
      '"/nowhere" matches no namespace of contract "tenants"',
    );
    expect(() => bindClient(tenants, "/chat/x" as never, socket)).toThrow('"/chat/x" matches no namespace');
  });

  it("names a server path that matches nothing", async () => {
    const { server } = await setup();
    // @ts-expect-error a path that matches no namespace does not compile
    expect(() => server.of("/nowhere")).toThrow('"/nowhere" is not a namespace of contract "tenants"');
  });
});

const hasRedis = await redisAvailable();

describe.skipIf(!hasRedis)("a dynamic namespace behind the Redis adapter", () => {
  it("carries a child namespace's broadcasts across nodes, to that tenant only", async () => {
    const nodes = await Promise.all(
      [0, 1].map(async () => {
        const { io, url } = await startServer();
        const { pub, sub, key } = await redisPair();
        return { io, url, pub, sub, key };
      }),
    );
    const key = nodes[0]!.key;
    for (const node of nodes) node.io.adapter(createAdapter(node.pub, node.sub, { key }));
    const [a, b] = nodes.map((node) => bindServer(tenants, node.io));
    const acme = client(nodes[1]!.url, "/org/acme", { auth: { token: "t" } });
    const other = client(nodes[1]!.url, "/org/other", { auth: { token: "t" } });
    await Promise.all([connected(acme), connected(other)]);
    const received = next<[string]>(acme, "notice");
    const leaked: unknown[] = [];
    other.on("notice", (text: string) => leaked.push(text));
    // Node A has no client of /org/acme: the broadcast crosses Redis to node B's.
    a!.of("/org/acme").emit("notice", "from node a");
    expect(await received).toEqual(["from node a"]);
    await sleep(200);
    expect(leaked).toEqual([]);
    expect(b).toBeDefined();
  });
});
