import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bindClient, ContractError } from "@socket-contract/client";
import { type ManagerOptions, type SocketOptions, io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { connected, next, onCleanup, sleep, until } from "../support/util.js";
import { reliabilityContract } from "./fixtures/reliability-contract.js";
import { type ChildServer, startChildServer } from "./support/child-server.js";

/** A server in a child process that can be killed with SIGKILL and started again on the same port, logging every handled event to a file. */
async function restartableServer() {
  const directory = mkdtempSync(join(tmpdir(), "socket-contract-faults-"));
  onCleanup(() => rmSync(directory, { recursive: true, force: true }));
  const log = join(directory, "handled.log");
  let current: ChildServer = await startChildServer({ log });
  const port = current.port;
  return {
    url: current.url,
    kill: () => current.kill(),
    restart: async () => {
      current = await startChildServer({ port, log });
    },
    /** How many times the server handled each event, across every run of it. */
    handled(): Map<string, number> {
      const counts = new Map<string, number>();
      let text = "";
      try {
        text = readFileSync(log, "utf8");
      } catch {
        // Nothing handled yet.
      }
      for (const line of text.split("\n")) if (line !== "") counts.set(line, (counts.get(line) ?? 0) + 1);
      return counts;
    },
  };
}

/** A bound client that reconnects by itself, quickly, as socket.io-client does by default. */
function reconnectingClient(url: string, options: Partial<ManagerOptions & SocketOptions> = {}, ackTimeout = 5_000) {
  const socket = connect(`${url}/work`, {
    forceNew: true,
    transports: ["websocket"],
    reconnectionDelay: 50,
    reconnectionDelayMax: 250,
    randomizationFactor: 0,
    ...options,
  });
  onCleanup(() => socket.disconnect());
  return bindClient(reliabilityContract, "/work", socket, { ackTimeout });
}

describe("the server is killed and restarted", () => {
  it("rejects an ack pending at the kill with DISCONNECTED at once, and the client reconnects by itself", async () => {
    const server = await restartableServer();
    // A long ack timeout, so that a rejection within a second can only come from the dropped connection.
    const client = reconnectingClient(server.url, {}, 30_000);
    await connected(client.socket);
    const outcome = client.emit("work", { id: "slow", seq: 0, delayMs: 5_000 }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    await sleep(100);
    const killedAt = performance.now();
    await server.kill();
    const error = await outcome;
    expect(ContractError.is(error, "DISCONNECTED")).toBe(true);
    expect((error as ContractError).message).toBe("The connection closed before the acknowledgement arrived.");
    expect(performance.now() - killedAt).toBeLessThan(3_000);

    const reconnected = next(client.socket, "connect");
    await server.restart();
    await reconnected;
    expect(await client.emit("work", { id: "after", seq: 1 })).toEqual({ id: "after", seq: 1 });
  });

  it("delivers emits made while disconnected once the client is back, and drops an acked one whose timeout ran out first", async () => {
    const server = await restartableServer();
    const client = reconnectingClient(server.url);
    await connected(client.socket);
    const down = next(client.socket, "disconnect");
    await server.kill();
    await down;
    for (let seq = 0; seq < 20; seq++) client.emit("note", { id: `buffered-${seq}` });
    const works = Array.from({ length: 20 }, (_, seq) => client.emit("work", { id: "buffered", seq }));
    const expired = client.timeout(200).emit("work", { id: "expired", seq: 0 });
    await expect(expired).rejects.toMatchObject({ code: "TIMEOUT" });
    await server.restart();
    expect(await Promise.all(works)).toEqual(Array.from({ length: 20 }, (_, seq) => ({ id: "buffered", seq })));
    await until(() => [...server.handled().keys()].filter((line) => line.startsWith("note")).length === 20, 5_000);
    const handled = server.handled();
    // Each buffered emit arrived exactly once, and the expired one was taken out of the buffer, never sent.
    expect([...handled.values()].every((count) => count === 1)).toBe(true);
    expect(handled.size).toBe(40);
    expect(handled.has("work expired:0")).toBe(false);
  });

  it("mid-traffic, without retries: every confirmed event was handled, every other one rejected, none hangs; resending loses nothing", async () => {
    const server = await restartableServer();
    const clients = Array.from({ length: 5 }, () => reconnectingClient(server.url));
    await Promise.all(clients.map((client) => connected(client.socket)));
    const confirmed: string[] = [];
    const rejected = new Map<string, string>();
    const traffic = Promise.all(
      clients.map(async (client, index) => {
        for (let seq = 0; seq < 200; seq++) {
          const key = `work c${index}:${seq}`;
          await client.emit("work", { id: `c${index}`, seq, delayMs: 1 }).then(
            () => void confirmed.push(key),
            (error: ContractError) => void rejected.set(key, error.code),
          );
        }
      }),
    );
    await until(() => confirmed.length >= 150, 20_000);
    await server.kill();
    expect(confirmed.length).toBeLessThan(900);
    await sleep(200);
    await server.restart();
    await traffic;

    expect(confirmed.length + rejected.size).toBe(1_000);
    expect(
      new Set(rejected.values()).size === 0 ||
        [...rejected.values()].every((code) => code === "DISCONNECTED" || code === "TIMEOUT"),
    ).toBe(true);
    const afterKill = server.handled();
    expect(confirmed.filter((key) => !afterKill.has(key))).toEqual([]);
    // At most once: a rejected event may or may not have been handled; the sender resends it.
    for (const key of rejected.keys()) {
      const [, id, seq] = /^work (c\d+):(\d+)$/.exec(key)!;
      await clients[Number(id!.slice(1))]!.emit("work", { id: id!, seq: Number(seq) });
    }
    const handled = server.handled();
    const all = clients.flatMap((_, index) => Array.from({ length: 200 }, (__, seq) => `work c${index}:${seq}`));
    expect(all.filter((key) => !handled.has(key))).toEqual([]);
    const duplicated = all.filter((key) => handled.get(key)! > 1);
    expect(duplicated.filter((key) => !rejected.has(key))).toEqual([]);
    console.info(
      `[faults] kill -9 mid-traffic without retries: ${confirmed.length} confirmed, ${rejected.size} rejected (${[...new Set(rejected.values())].join(", ")}) then resent, ${duplicated.length} handled twice, 0 lost`,
    );
  });

  it("mid-traffic, with the client's retries: every emit is confirmed, none is lost, and an id makes duplicates harmless", async () => {
    // 120 events per client in all, under the default burst of 200: this test is about the kill, not the limits.
    const EACH = 60;
    const server = await restartableServer();
    // socket.io-client's retries: each emit is queued and sent again until acknowledged, one at a time.
    // ackTimeout must go with it (see the test below).
    const clients = Array.from({ length: 5 }, () =>
      reconnectingClient(server.url, { retries: 10, ackTimeout: 1_000 }, 1_000),
    );
    await Promise.all(clients.map((client) => connected(client.socket)));
    let confirmed = 0;
    const failures: unknown[] = [];
    const traffic = Promise.all(
      clients.map(async (client, index) => {
        for (let seq = 0; seq < EACH; seq++) {
          client.emit("note", { id: `c${index}:${seq}` });
          await client.emit("work", { id: `c${index}`, seq, delayMs: 1 }).then(
            () => void confirmed++,
            (error: unknown) => void failures.push(error),
          );
        }
      }),
    );
    await until(() => confirmed >= 50, 20_000);
    await server.kill();
    expect(confirmed).toBeLessThan(250);
    await sleep(200);
    await server.restart();
    await traffic;

    expect(failures.map((error) => `${(error as ContractError).code}: ${(error as ContractError).message}`)).toEqual(
      [],
    );
    expect(confirmed).toBe(5 * EACH);
    const expected = clients.flatMap((_, index) =>
      Array.from({ length: EACH }, (__, seq) => [`work c${index}:${seq}`, `note c${index}:${seq}`]).flat(),
    );
    // Nothing lost: every note and every work reached a handler, on one server or the other.
    await until(() => expected.every((key) => server.handled().has(key)), 5_000);
    const handled = server.handled();
    expect(handled.size).toBe(expected.length);
    const duplicated = expected.filter((key) => (handled.get(key) ?? 0) > 1);
    console.info(
      `[faults] kill -9 mid-traffic with retries: ${expected.length} emits, all confirmed, 0 lost, ${duplicated.length} handled twice (at-least-once)`,
    );
  });
});

describe("retries and idempotent handlers", () => {
  it("runs a handler again when its ack is late, and a handler keyed by the request id applies it once", async () => {
    const { startServer } = await import("../support/util.js");
    const { bindServer } = await import("@socket-contract/server");
    const { io, url } = await startServer({ transports: ["websocket"] });
    const server = bindServer(reliabilityContract, io);
    let invocations = 0;
    let applied = 0;
    const results = new Map<string, Promise<{ id: string; seq: number }>>();
    server.of("/work").on("connection", (socket) => {
      socket.on("work", ({ id, seq }) => {
        invocations++;
        // Idempotent: the same request id gets the same result, and its effect happens once.
        const key = `${id}:${seq}`;
        let result = results.get(key);
        if (result === undefined) {
          result = sleep(300).then(() => {
            applied++;
            return { id, seq };
          });
          results.set(key, result);
        }
        return result;
      });
    });
    const client = reconnectingClient(url, { retries: 3, ackTimeout: 200 }, 200);
    await connected(client.socket);
    expect(await client.emit("work", { id: "pay", seq: 1 })).toEqual({ id: "pay", seq: 1 });
    expect(invocations).toBe(2);
    expect(applied).toBe(1);
  });

  it("delivers an ack-less event once when nothing fails, given socket.io-client's ackTimeout beside retries", async () => {
    const { startServer } = await import("../support/util.js");
    const { bindServer } = await import("@socket-contract/server");
    const { io, url } = await startServer({ transports: ["websocket"] });
    const server = bindServer(reliabilityContract, io);
    const notes: string[] = [];
    server.of("/work").on("connection", (socket) => {
      socket.on("note", ({ id }) => void notes.push(id));
    });
    // Without ackTimeout, socket.io-client reads the first argument of an ack as an error, so the
    // { ok: true } envelope of an ack-less event would count as a failure and be retried.
    const client = reconnectingClient(url, { retries: 3, ackTimeout: 1_000 });
    await connected(client.socket);
    for (let index = 0; index < 10; index++) client.emit("note", { id: `${index}` });
    await until(() => notes.length >= 10);
    await sleep(100);
    expect(notes).toEqual(Array.from({ length: 10 }, (_, index) => `${index}`));
  });
});
