import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { sleep, until } from "../support/util.js";
import { chatClient } from "./support/clients.js";
import { startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();
const adapters = [...(hasRedis ? (["redis", "redis-streams"] as const) : []), "cluster"] as const;

type Stats = { node: string; sockets: number };
const byNode = (x: Stats, y: Stats) => x.node.localeCompare(y.node);

describe.each(adapters)("serverSideEmit between node processes under the %s adapter", (adapter) => {
  it("delivers an inter-server event to every other node, and gathers every other node's validated answer", async () => {
    const [a, b, c] = await startNodes(3, { adapter });
    await chatClient(b!, { token: "bob" });

    await a!.request({ cmd: "serverSideEmit", event: "cache:invalidate", args: ["user:42"] });
    await until(() => b!.serverSide.length === 1 && c!.serverSide.length === 1, 5_000);
    const answers = await a!.request<Stats[]>({ cmd: "serverSideEmit", event: "node:stats", args: ["node-a"] });
    await sleep(100);

    expect(b!.serverSide).toEqual([
      { event: "cache:invalidate", args: ["user:42"] },
      { event: "node:stats", args: ["node-a"] },
    ]);
    expect(c!.serverSide).toEqual(b!.serverSide);
    expect(a!.serverSide).toEqual([]);
    expect(answers.sort(byNode)).toEqual([
      { node: "node-b", sockets: 1 },
      { node: "node-c", sockets: 0 },
    ]);
    expect([...a!.errors, ...b!.errors, ...c!.errors]).toEqual([]);
  });

  it("refuses an invalid answer from another node with INVALID_ACK that keeps the valid answers", async () => {
    const [a, b, c] = await startNodes(3, { adapter });
    await c!.request({ cmd: "answerMode", mode: "invalid" });

    const refused = a!.request({ cmd: "serverSideEmit", event: "node:stats", args: ["node-a"] });

    await expect(refused).rejects.toMatchObject({ code: "INVALID_ACK", data: [{ node: "node-b", sockets: 0 }] });
    // The answering node checks its own answer before it leaves, and is told of it.
    await until(() => c!.errors.length > 0, 5_000);
    expect(c!.errors).toEqual([expect.objectContaining({ code: "INVALID_ACK", namespace: "/", event: "node:stats" })]);
    expect(b!.errors).toEqual([]);
  });

  it("refuses an invalid inter-server event when it is sent, and reports one received through onError without calling the handler", async () => {
    const [a, b] = await startNodes(2, { adapter });

    await expect(a!.request({ cmd: "serverSideEmit", event: "cache:invalidate", args: [""] })).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
    await expect(a!.request({ cmd: "serverSideEmit", event: "node:stats", args: [7] })).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
    // A node that skips the contract (plain io.serverSideEmit) is caught by the receiver.
    await a!.request({ cmd: "rawServerSideEmit", event: "cache:invalidate", args: [{ not: "a string" }] });
    await a!.request({ cmd: "rawServerSideEmit", event: "cache:invalidate", args: ["one", "too many"] });
    await a!.request({ cmd: "serverSideEmit", event: "cache:invalidate", args: ["marker"] });
    await until(() => b!.serverSide.length === 1, 5_000);
    await sleep(100);

    expect(b!.serverSide).toEqual([{ event: "cache:invalidate", args: ["marker"] }]);
    expect(b!.errors).toEqual([
      expect.objectContaining({ code: "INVALID_PAYLOAD", namespace: "/", event: "cache:invalidate" }),
      expect.objectContaining({ code: "INVALID_PAYLOAD", namespace: "/", event: "cache:invalidate" }),
    ]);
    expect(a!.errors).toEqual([]);
  });
});
