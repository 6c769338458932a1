import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { next, sleep, until } from "../support/util.js";
import { chatClient } from "./support/clients.js";
import { type TestNode, startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();
const adapters = [...(hasRedis ? (["redis", "redis-streams"] as const) : []), "cluster"] as const;

interface Fetched {
  id: string;
  data: { userId: unknown; node: string };
  rooms: string[];
}

function fetchSockets(node: TestNode, to?: string[]): Promise<Fetched[]> {
  return node.request<Fetched[]>({ cmd: "fetchSockets", to });
}

async function untilFetched(node: TestNode, to: string[], check: (sockets: Fetched[]) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check(await fetchSockets(node, to))) {
    if (Date.now() > deadline) throw new Error(`fetchSockets(${to.join(",")}) never matched`);
    await sleep(25);
  }
}

describe.each(adapters)("fetchSockets across node processes under the %s adapter", (adapter) => {
  it("returns every node's sockets with contract-checked data, and their emit, join, leave and disconnect reach the other node", async () => {
    const [a, b] = await startNodes(2, { adapter });
    const [ann, bob, cat] = await Promise.all([
      chatClient(a!, { token: "ann", rooms: ["lobby"] }),
      chatClient(b!, { token: "bob", rooms: ["lobby"] }),
      chatClient(b!, { token: "cat" }),
    ]);
    const [annId, bobId, catId] = [ann.bound.socket.id!, bob.bound.socket.id!, cat.bound.socket.id!];

    const everyone = await fetchSockets(a!);
    expect(
      everyone
        .map(({ id, data }) => ({ id, data }))
        .sort((x, y) => String(x.data.userId).localeCompare(String(y.data.userId))),
    ).toEqual([
      { id: annId, data: { userId: "user-ann", node: "node-a" } },
      { id: bobId, data: { userId: "user-bob", node: "node-b" } },
      { id: catId, data: { userId: "user-cat", node: "node-b" } },
    ]);
    expect(everyone.find((socket) => socket.id === bobId)!.rooms.sort()).toEqual([bobId, "lobby"].sort());
    expect((await fetchSockets(a!, ["lobby"])).map((socket) => socket.id).sort()).toEqual([annId, bobId].sort());

    // emit on a socket of the other node: validated here, delivered there.
    await a!.request({ cmd: "remote", socketId: bobId, action: "emit", args: ["notice", "hello bob, from node-a"] });
    await expect(
      a!.request({ cmd: "remote", socketId: bobId, action: "emit", args: ["notice", 42] }),
    ).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
    await until(() => bob.notices.length === 1, 5_000);

    await a!.request({ cmd: "remote", socketId: catId, action: "join", args: ["vip"] });
    await untilFetched(b!, ["vip"], (sockets) => sockets.some((socket) => socket.id === catId));
    await a!.request({ cmd: "emit", namespace: "/chat", to: ["vip"], event: "notice", args: ["vip only"] });

    await a!.request({ cmd: "remote", socketId: bobId, action: "leave", args: ["lobby"] });
    await untilFetched(a!, ["lobby"], (sockets) => sockets.length === 1);
    await a!.request({ cmd: "emit", namespace: "/chat", to: ["lobby"], event: "notice", args: ["lobby only"] });
    await until(() => cat.notices.length === 1 && ann.notices.length === 1, 5_000);

    const reason = next<[string]>(cat.bound.socket, "disconnect");
    await a!.request({ cmd: "remote", socketId: catId, action: "disconnect", args: [] });
    expect((await reason)[0]).toBe("io server disconnect");
    await sleep(100);

    expect(bob.notices).toEqual(["hello bob, from node-a"]);
    expect(cat.notices).toEqual(["vip only"]);
    expect(ann.notices).toEqual(["lobby only"]);
    expect((await fetchSockets(b!)).map((socket) => socket.id).sort()).toEqual([annId, bobId].sort());
    expect([...ann.errors, ...bob.errors, ...cat.errors, ...a!.errors, ...b!.errors]).toEqual([]);
  });

  it("reports a fetched socket whose data breaks the contract through onError on the fetching node", async () => {
    const [a, b] = await startNodes(2, { adapter });
    const bob = await chatClient(b!, { token: "bob" });
    const bobId = bob.bound.socket.id!;
    await b!.request({ cmd: "corruptData", socketId: bobId });

    const fetched = await fetchSockets(a!);

    expect(fetched.map((socket) => socket.id)).toEqual([bobId]);
    expect(a!.errors).toEqual([
      expect.objectContaining({ code: "INVALID_PAYLOAD", namespace: "/chat", socketId: bobId }),
    ]);
    expect(b!.errors).toEqual([]);
  });
});
