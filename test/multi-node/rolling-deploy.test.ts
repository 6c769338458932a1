import { bindClient } from "@socket-contract/client";
import type { ContractError } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { client, connected, sleep, until } from "../support/util.js";
import { clusterContractNext } from "./fixtures/cluster-contract.js";
import { chatClient } from "./support/clients.js";
import { type TestNode, startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();

/** A client built for the next release (1.1.0), in the lobby, recording what its handlers receive. */
async function nextClient(node: TestNode, token: string) {
  const socket = client(node.url, "/chat", { auth: { token, rooms: ["lobby"] } });
  const bound = bindClient(clusterContractNext, "/chat", socket);
  const seen = {
    ticks: [] as unknown[],
    reactions: [] as unknown[],
    notices: [] as string[],
    errors: [] as ContractError[],
  };
  bound.on("tick", (tick) => void seen.ticks.push(tick));
  bound.on("reaction", (reaction) => void seen.reactions.push(reaction));
  bound.on("notice", (text) => void seen.notices.push(text));
  bound.on("ping", () => ({ token, lang: "fr" }));
  bound.onError((error) => void seen.errors.push(error));
  await connected(socket);
  return { bound, ...seen };
}

const codes = (errors: readonly { code: string; event?: string }[]) =>
  errors.map((e) => `${e.code}:${e.event ?? ""}`).sort();

// A rolling deploy of an additive change: node a still runs release 1.0.0, node b runs 1.1.0, and
// clients built for either release are connected to either node.
describe.runIf(hasRedis).each(["redis", "redis-streams"] as const)(
  "a rolling deploy under the %s adapter",
  (adapter) => {
    it("serves clients of both releases from nodes of both releases: broadcasts, acks across nodes, fetchSockets, and the new event", {
      timeout: 60_000,
    }, async () => {
      const [a, b] = await startNodes(2, { adapter, contracts: ["1.0.0", "1.1.0"] });
      const [oldA, oldB] = await Promise.all([
        chatClient(a!, { token: "old-a", rooms: ["lobby"] }),
        chatClient(b!, { token: "old-b", rooms: ["lobby"] }),
      ]);
      const [newA, newB] = await Promise.all([nextClient(a!, "new-a"), nextClient(b!, "new-b")]);

      // Broadcasts from either node reach every client, whatever its release.
      await a!.request({
        cmd: "emit",
        namespace: "/chat",
        to: ["lobby"],
        event: "tick",
        args: [{ seq: 0, from: "node-a" }],
      });
      await b!.request({
        cmd: "emit",
        namespace: "/chat",
        to: ["lobby"],
        event: "tick",
        args: [{ seq: 1, from: "node-b" }],
      });
      await until(() => [oldA.ticks, oldB.ticks, newA.ticks, newB.ticks].every((ticks) => ticks.length === 2), 5_000);

      // The new event: node a cannot send it (its contract does not know it); node b's reaches the new
      // clients on both nodes, and the old clients refuse it, never reaching a handler, and tell their node.
      await expect(
        a!.request({ cmd: "emit", namespace: "/chat", to: ["lobby"], event: "reaction", args: [{ emoji: "+1" }] }),
      ).rejects.toMatchObject({ code: "UNKNOWN_EVENT" });
      await b!.request({ cmd: "emit", namespace: "/chat", to: ["lobby"], event: "reaction", args: [{ emoji: "+1" }] });
      await until(() => newA.reactions.length === 1 && newB.reactions.length === 1, 5_000);
      await until(() => oldA.errors.length === 1 && oldB.errors.length === 1, 5_000);
      expect(newA.reactions).toEqual([{ emoji: "+1" }]);
      expect(codes([...oldA.errors, ...oldB.errors])).toEqual(["UNKNOWN_EVENT:reaction", "UNKNOWN_EVENT:reaction"]);

      // A broadcast with acks spanning both nodes: each node reads the answers by its own release
      // (node a strips the `lang` it does not know).
      const byToken = (answers: { token: string }[]) => [...answers].sort((x, y) => x.token.localeCompare(y.token));
      expect(byToken(await a!.request({ cmd: "pingAll", timeoutMs: 3_000 }))).toEqual([
        { token: "new-a" },
        { token: "new-b" },
        { token: "old-a" },
        { token: "old-b" },
      ]);
      expect(byToken(await b!.request({ cmd: "pingAll", timeoutMs: 3_000 }))).toEqual([
        { token: "new-a", lang: "fr" },
        { token: "new-b", lang: "fr" },
        { token: "old-a" },
        { token: "old-b" },
      ]);

      // fetchSockets across nodes: node a drops the `locale` node b keeps; nothing is reported.
      type Fetched = { id: string; data: { userId: string; node: string; locale?: string } };
      const fetched = async (node: TestNode) =>
        (await node.request<Fetched[]>({ cmd: "fetchSockets" }))
          .map(({ data }) => data)
          .sort((x, y) => x.userId.localeCompare(y.userId));
      expect(await fetched(a!)).toEqual([
        { userId: "user-new-a", node: "node-a" },
        { userId: "user-new-b", node: "node-b" },
        { userId: "user-old-a", node: "node-a" },
        { userId: "user-old-b", node: "node-b" },
      ]);
      expect(await fetched(b!)).toEqual([
        { userId: "user-new-a", node: "node-a" },
        { userId: "user-new-b", node: "node-b", locale: "fr" },
        { userId: "user-old-a", node: "node-a" },
        { userId: "user-old-b", node: "node-b", locale: "fr" },
      ]);
      // An emit to a socket of the other node, from an old node to a new client and back.
      await a!.request({ cmd: "remote", socketId: newB.bound.socket.id!, action: "emit", args: ["notice", "from a"] });
      await b!.request({ cmd: "remote", socketId: oldA.bound.socket.id!, action: "emit", args: ["notice", "from b"] });
      await until(() => newB.notices.length === 1 && oldA.notices.length === 1, 5_000);
      expect([newB.notices, oldA.notices]).toEqual([["from a"], ["from b"]]);

      // What each side was told: the default version policy admitted the client of the other
      // release and said so, and each old client's refusal of the new event reached its own node.
      await sleep(100);
      expect([...newA.errors, ...newB.errors]).toEqual([]);
      expect(codes(a!.errors)).toEqual(["CONTRACT_MISMATCH:", "UNKNOWN_EVENT:reaction"]);
      expect(codes(b!.errors)).toEqual(["CONTRACT_MISMATCH:", "UNKNOWN_EVENT:reaction"]);
      expect([...a!.unhandled, ...b!.unhandled]).toEqual([]);
    });
  },
);
