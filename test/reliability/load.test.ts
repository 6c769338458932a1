import { type BoundClient, bindClient } from "@socket-contract/client";
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { connected, onCleanup, until } from "../support/util.js";
import { reliabilityContract } from "./fixtures/reliability-contract.js";
import { startChildServer } from "./support/child-server.js";

type WorkClient = BoundClient<typeof reliabilityContract, "/work">;

const SENDERS = 500;
const EVENTS_EACH = 200;
const LISTENERS = 1_000;
const BROADCASTS = 200;

/** Bound clients over their own WebSocket each, connected 100 at a time so the handshakes do not pile up. */
async function connectClients(url: string, count: number): Promise<WorkClient[]> {
  const clients: WorkClient[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, () => {
      const socket = connect(`${url}/work`, { forceNew: true, transports: ["websocket"], reconnection: false });
      onCleanup(() => socket.disconnect());
      return socket;
    });
    await Promise.all(batch.map(connected));
    clients.push(...batch.map((socket) => bindClient(reliabilityContract, "/work", socket)));
  }
  return clients;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/**
 * Load from one process against a server in another (the server's default limits on), bounded in
 * count and time: nothing lost, nothing duplicated, every answer matching its request.
 */
describe("load", () => {
  it(`${SENDERS} clients each send ${EVENTS_EACH} acked events: all ${SENDERS * EVENTS_EACH} answered, once, each matching its request`, {
    timeout: 180_000,
  }, async () => {
    const server = await startChildServer();
    const clients = await connectClients(server.url, SENDERS);
    const latencies = new Float64Array(SENDERS * EVENTS_EACH);
    let measured = 0;
    let mismatched = 0;
    const started = performance.now();
    const answered = await Promise.all(
      clients.map(async (client, index) => {
        const id = `client-${index}`;
        const seqs = new Set<number>();
        for (let seq = 0; seq < EVENTS_EACH; seq++) {
          const sent = performance.now();
          const ack = await client.emit("work", { id, seq });
          latencies[measured++] = performance.now() - sent;
          if (ack.id !== id || ack.seq !== seq) mismatched++;
          seqs.add(ack.seq);
        }
        return seqs.size;
      }),
    );
    const seconds = (performance.now() - started) / 1_000;
    const stats = await server.ask<{ works: number; refusals: Record<string, number> }>({ type: "stats" }, "stats");
    latencies.sort();
    const p50 = percentile(latencies, 0.5);
    const p99 = percentile(latencies, 0.99);
    console.info(
      `[load] ${measured} round trips from ${SENDERS} clients in ${seconds.toFixed(1)} s (${Math.round(measured / seconds)}/s): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms; server handled ${stats.works}`,
    );
    expect(measured).toBe(SENDERS * EVENTS_EACH);
    expect(mismatched).toBe(0);
    expect(answered).toEqual(Array.from({ length: SENDERS }, () => EVENTS_EACH));
    // The server ran each handler exactly once: nothing lost on the way in, nothing run twice.
    expect(stats.works).toBe(SENDERS * EVENTS_EACH);
    expect(stats.refusals).toEqual({});
  });

  it(`${LISTENERS} clients in one room receive all of ${BROADCASTS} broadcasts, in order`, {
    timeout: 180_000,
  }, async () => {
    const server = await startChildServer();
    const clients = await connectClients(server.url, LISTENERS);
    const received = clients.map(() => [] as number[]);
    clients.forEach((client, index) => client.on("tick", ({ n }) => void received[index]!.push(n)));
    await Promise.all(clients.map((client) => client.emit("room:join", "everyone")));
    const started = performance.now();
    await server.ask({ type: "broadcast", room: "everyone", count: BROADCASTS }, "broadcasted");
    await until(() => received.every((ticks) => ticks.length >= BROADCASTS), 120_000);
    const seconds = (performance.now() - started) / 1_000;
    const deliveries = received.reduce((sum, ticks) => sum + ticks.length, 0);
    console.info(
      `[load] ${BROADCASTS} broadcasts to ${LISTENERS} clients: ${deliveries} deliveries in ${seconds.toFixed(1)} s (${Math.round(deliveries / seconds)}/s)`,
    );
    const inOrder = Array.from({ length: BROADCASTS }, (_, n) => n);
    expect(
      received.filter((ticks) => ticks.length !== BROADCASTS || ticks.some((n, index) => n !== inOrder[index])),
    ).toEqual([]);
    expect(deliveries).toBe(LISTENERS * BROADCASTS);
  });
});
