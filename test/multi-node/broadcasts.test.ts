import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { sleep, until } from "../support/util.js";
import { validations } from "./fixtures/cluster-contract.js";
import { adminClient, chatClient } from "./support/clients.js";
import { startNodes } from "./support/nodes.js";

const hasRedis = await redisAvailable();
const adapters = [...(hasRedis ? (["redis", "redis-streams"] as const) : []), "cluster"] as const;

describe.each(adapters)("broadcasts across node processes under the %s adapter", (adapter) => {
  it("reaches the room's and the namespace's clients on every node, validated once, at the emitting node", async () => {
    const [a, b] = await startNodes(2, { adapter });
    const [ann, bob, cat, dan] = await Promise.all([
      chatClient(a!, { token: "ann", rooms: ["lobby"] }),
      chatClient(b!, { token: "bob", rooms: ["lobby"] }),
      chatClient(b!, { token: "cat" }),
      chatClient(a!, { token: "dan" }),
    ]);
    const admins = await Promise.all([adminClient(a!), adminClient(b!)]);
    const clientValidations = validations.tick;

    await a!.request({
      cmd: "emit",
      namespace: "/chat",
      to: ["lobby"],
      event: "tick",
      args: [{ seq: 1, from: "node-a" }],
    });
    await b!.request({ cmd: "emit", namespace: "/chat", event: "notice", args: ["to everyone in /chat"] });
    await a!.request({
      cmd: "emit",
      namespace: "/chat",
      except: ["lobby"],
      event: "notice",
      args: ["to everyone outside the lobby"],
    });
    await a!.request({ cmd: "emit", namespace: "/admin", event: "notice", args: ["to /admin only"] });
    await until(
      () =>
        ann.ticks.length + bob.ticks.length === 2 &&
        cat.notices.length === 2 &&
        admins.every((admin) => admin.notices.length === 1),
      5_000,
    );
    await sleep(200);

    expect(ann.ticks).toEqual([{ seq: 1, from: "node-a" }]);
    expect(bob.ticks).toEqual([{ seq: 1, from: "node-a" }]);
    expect(cat.ticks).toEqual([]);
    expect(dan.ticks).toEqual([]);
    expect(ann.notices).toEqual(["to everyone in /chat"]);
    expect(bob.notices).toEqual(["to everyone in /chat"]);
    // Two nodes sent these: their order across nodes is not defined.
    expect([...cat.notices].sort()).toEqual(["to everyone in /chat", "to everyone outside the lobby"]);
    expect([...dan.notices].sort()).toEqual(["to everyone in /chat", "to everyone outside the lobby"]);
    expect(admins.map((admin) => admin.notices)).toEqual([["to /admin only"], ["to /admin only"]]);
    // The server validated the tick once, on the node that sent it, whatever the number of
    // recipients and nodes; each client runtime validated its own copy.
    expect((await a!.request<{ tickValidations: number }>({ cmd: "stats" })).tickValidations).toBe(1);
    expect((await b!.request<{ tickValidations: number }>({ cmd: "stats" })).tickValidations).toBe(0);
    expect(validations.tick - clientValidations).toBe(2);
    expect([ann, bob, cat, dan].flatMap((client) => client.errors)).toEqual([]);
    expect([...a!.errors, ...b!.errors]).toEqual([]);
  });

  it("refuses an invalid broadcast at the emitting node, so no node's clients receive it", async () => {
    const [a, b] = await startNodes(2, { adapter });
    const [ann, bob] = await Promise.all([
      chatClient(a!, { token: "ann", rooms: ["lobby"] }),
      chatClient(b!, { token: "bob", rooms: ["lobby"] }),
    ]);

    await expect(
      a!.request({
        cmd: "emit",
        namespace: "/chat",
        to: ["lobby"],
        event: "tick",
        args: [{ seq: -1, from: "node-a" }],
      }),
    ).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
    await expect(
      a!.request({ cmd: "emit", namespace: "/chat", to: ["lobby"], event: "tick", args: [{ seq: 2 }] }),
    ).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
    // A valid broadcast sent afterwards, down the same path, marks the point by which anything
    // sent earlier would have arrived.
    await a!.request({
      cmd: "emit",
      namespace: "/chat",
      to: ["lobby"],
      event: "tick",
      args: [{ seq: 3, from: "node-a" }],
    });
    await until(() => ann.ticks.length === 1 && bob.ticks.length === 1, 5_000);

    expect(ann.ticks).toEqual([{ seq: 3, from: "node-a" }]);
    expect(bob.ticks).toEqual([{ seq: 3, from: "node-a" }]);
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });
});
