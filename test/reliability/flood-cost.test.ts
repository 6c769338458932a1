import type { Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { client, connected } from "../support/util.js";
import { startChildServer } from "./support/child-server.js";

// What one flooding socket costs a server, and what a legitimate burst meets, under three sets of
// limits: none, the defaults before this measurement (100 a second, burst 200, 200 in flight) and
// the defaults now. The figures are printed; docs/reliability.md quotes them.
const FLOOD = 3_000;
const SPIN_US = 300;
const configs = [
  { name: "no limits", env: { RATE: "off", MAX_IN_FLIGHT: "off" } },
  { name: "old defaults (100/s, burst 200, 200 in flight)", env: { RATE: "100/200", MAX_IN_FLIGHT: "200" } },
  { name: "defaults", env: {} as Record<string, string> },
];

interface Stats {
  cpuMs: number;
  handled: number;
  refusals: { code: string; socketId?: string }[];
}

type Answer = { ok: true } | { ok: false; error: { code: string } };

async function work(socket: ClientSocket, count: number, delayMs = 0): Promise<Answer[]> {
  return Promise.all(
    Array.from(
      { length: count },
      (_, seq) => socket.timeout(60_000).emitWithAck("work", { id: "w", seq, delayMs }) as Promise<Answer>,
    ),
  );
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

describe("what a flood costs, with and without the limits", () => {
  it("measures a flooding socket's cost to the server and to a bystander, and a legitimate burst's refusals", async () => {
    const rows: string[] = [];
    for (const { name, env } of configs) {
      const server = await startChildServer({ script: "flood-server.ts", env: { ...env, SPIN_US: String(SPIN_US) } });
      const [flooder, bystander, burster] = [
        client(server.url, "/work"),
        client(server.url, "/work"),
        client(server.url, "/work"),
      ];
      await Promise.all([flooder, bystander, burster].map(connected));
      const before = await server.ask<Stats>({ type: "stats" }, "stats");

      // One socket sends FLOOD acked events at once; another makes round trips meanwhile.
      const started = performance.now();
      const flood = work(flooder, FLOOD);
      const latencies: number[] = [];
      let done = false;
      void flood.finally(() => (done = true));
      while (!done || latencies.length < 20) {
        const sent = performance.now();
        await bystander.timeout(60_000).emitWithAck("work", { id: "b", seq: latencies.length });
        latencies.push(performance.now() - sent);
        if (latencies.length >= 2_000) break;
      }
      const answers = await flood;
      const floodSeconds = (performance.now() - started) / 1_000;
      const after = await server.ask<Stats>({ type: "stats" }, "stats");
      const refused = answers.filter((answer) => !answer.ok).length;
      // Every refusal reached onError, with the socket that sent it.
      expect(after.refusals.filter((refusal) => refusal.socketId === flooder.id)).toHaveLength(refused);
      expect(after.refusals.filter((refusal) => refusal.code !== "RATE_LIMITED")).toEqual([]);

      // A legitimate client: 500 acked events at once, each handler waiting 20 ms on its database.
      const burst = await work(burster, 500, 20);
      const burstRefused = burst.filter((answer) => !answer.ok).length;
      const last = await server.ask<Stats>({ type: "stats" }, "stats");
      expect(last.refusals.filter((refusal) => refusal.socketId === burster.id)).toHaveLength(burstRefused);

      rows.push(
        `${name}: flood of ${FLOOD} handled ${FLOOD - refused}, refused ${refused}, in ${floodSeconds.toFixed(2)} s; ` +
          `server CPU ${(after.cpuMs - before.cpuMs).toFixed(0)} ms; bystander round trip p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms; ` +
          `a burst of 500 acked events (20 ms handlers): ${burstRefused} refused`,
      );
      if (name === "defaults") expect(burstRefused).toBe(0);
      if (name === "no limits") expect(refused).toBe(0);
      else expect(refused).toBeGreaterThan(0);
      await server.kill();
    }
    console.info(
      `[flood cost] ${SPIN_US} µs of CPU per handled event, server in its own process:\n  ${rows.join("\n  ")}`,
    );
  }, 240_000);
});
