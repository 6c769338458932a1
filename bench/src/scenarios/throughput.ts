import { type ScenarioReport, metric, relative } from "../report.js";
import type { Worker } from "../rpc.js";
import { alternate } from "../stats.js";
import type { Settings } from "../settings.js";

const VARIANTS = [
  { key: "plain", label: "plain Socket.IO", short: "plain" },
  { key: "hand", label: "hand-written safeParse", short: "hand" },
  { key: "bound", label: "socket-contract", short: "contract" },
] as const;
type Variant = (typeof VARIANTS)[number]["key"];

type ClosedLoopResult = { perSecond: number; p50Ns: number; p99Ns: number; count: number; cpuUs: number };
type Measurement<T> = T & { serverCpuUs: number };

/** One measured run: a warm-up run first, then the run itself with the server's CPU time read around it. */
async function measure<T>(
  server: Worker,
  client: Worker,
  command: string,
  input: { durationMs: number; warmupMs: number } & Record<string, unknown>,
): Promise<Measurement<T>> {
  await client.call(command, { ...input, durationMs: input.warmupMs });
  const before = await server.call<number>("cpu");
  const result = await client.call<T>(command, input);
  const after = await server.call<number>("cpu");
  return { ...result, serverCpuUs: after - before };
}

/** CPU time per event on each side: steadier than throughput on a machine shared with other work. */
function cpuMetrics<T extends { cpuUs: number; serverCpuUs: number }>(
  results: Record<string, T[]>,
  eventsOf: (result: T) => number,
): ReturnType<typeof metric>[] {
  return [
    metric(
      "server CPU per event",
      "µs",
      "lower",
      pick(results, (r) => r.serverCpuUs / eventsOf(r)),
    ),
    metric(
      "client CPU per event",
      "µs",
      "lower",
      pick(results, (r) => r.cpuUs / eventsOf(r)),
    ),
  ];
}

/** Scenarios 1 and 8: acked client-to-server events, ~1 KB object, a fixed number in flight. */
export async function ackedEvents(server: Worker, client: Worker, settings: Settings): Promise<ScenarioReport> {
  const { inFlight, durationMs, warmupMs, rounds } = settings.throughput;
  const results = await alternate(
    VARIANTS.map((v) => v.key),
    rounds,
    (variant) => measure<ClosedLoopResult>(server, client, "acked", { variant, inFlight, durationMs, warmupMs }),
  );
  const events = metric(
    "acked events per second",
    "events/s",
    "higher",
    pick(results, (r) => r.perSecond),
  );
  const p50 = metric(
    "p50 latency",
    "ms",
    "lower",
    pick(results, (r) => r.p50Ns / 1e6),
  );
  const p99 = metric(
    "p99 latency",
    "ms",
    "lower",
    pick(results, (r) => r.p99Ns / 1e6),
  );
  return {
    id: "1",
    title: `Acked client-to-server events, ~1 KB object, ${inFlight} in flight (scenario 8: hand-written column)`,
    variants: VARIANTS,
    metrics: [events, p50, p99, ...cpuMetrics(results, (r) => r.count)],
    targets: speedTargets(events),
    notes: [],
    settings: { inFlight, durationMs, warmupMs, rounds },
  };
}

const LIBRARY_VARIANTS = [
  { key: "plain", label: "plain Socket.IO", short: "plain" },
  { key: "bound", label: "socket-contract, Zod", short: "Zod" },
  { key: "valibot", label: "socket-contract, Valibot", short: "Valibot" },
  { key: "arktype", label: "socket-contract, ArkType", short: "ArkType" },
] as const;

/**
 * Scenario 1b: scenario 1's acked event with the contract's schemas written in Zod, Valibot and
 * ArkType (the same rules), both sides bound, so users see what each library costs end to end.
 */
export async function ackedPerLibrary(server: Worker, client: Worker, settings: Settings): Promise<ScenarioReport> {
  const { inFlight, durationMs, warmupMs, rounds } = settings.throughput;
  const results = await alternate(
    LIBRARY_VARIANTS.map((v) => v.key),
    rounds,
    (variant) => measure<ClosedLoopResult>(server, client, "acked", { variant, inFlight, durationMs, warmupMs }),
  );
  const events = metric(
    "acked events per second",
    "events/s",
    "higher",
    pick(results, (r) => r.perSecond),
  );
  const p50 = metric(
    "p50 latency",
    "ms",
    "lower",
    pick(results, (r) => r.p50Ns / 1e6),
  );
  return {
    id: "1b",
    title: `Acked client-to-server events per validation library, ~1 KB object, ${inFlight} in flight`,
    variants: LIBRARY_VARIANTS,
    metrics: [events, p50, ...cpuMetrics(results, (r) => r.count)],
    targets: [],
    notes: [
      "the order and its receipt carry the same rules in each library (bench/src/library-contracts.ts); each side validates with the contract's schemas: the server the order, the client the receipt",
    ],
    settings: { inFlight, durationMs, warmupMs, rounds },
  };
}

/**
 * Scenarios 2 and 8: ack-less client-to-server events, counted by the handlers. Several client
 * processes send at once, so that the server, not one client's encoding, is what limits the rate.
 */
export async function acklessEvents(
  server: Worker,
  clients: readonly Worker[],
  settings: Settings,
): Promise<ScenarioReport> {
  const { durationMs, warmupMs, rounds, batch, window } = settings.throughput;
  type Run = { perSecond: number; sent: number; handled: number; cpuUs: number };
  const results = await alternate(
    VARIANTS.map((v) => v.key),
    rounds,
    async (variant) => {
      const input = { variant, durationMs, batch, window };
      await Promise.all(clients.map((client) => client.call("ackless", { ...input, durationMs: warmupMs })));
      const before = await server.call<number>("cpu");
      const runs = await Promise.all(clients.map((client) => client.call<Run>("ackless", input)));
      const after = await server.call<number>("cpu");
      const sum = (pick: (run: Run) => number): number => runs.reduce((total, run) => total + pick(run), 0);
      return {
        perSecond: sum((r) => r.perSecond),
        sent: sum((r) => r.sent),
        handled: sum((r) => r.handled),
        cpuUs: sum((r) => r.cpuUs),
        serverCpuUs: after - before,
      };
    },
  );
  const lost = Object.values(results)
    .flat()
    .filter((r) => r.sent !== r.handled);
  const events = metric(
    "events received by handlers per second",
    "events/s",
    "higher",
    pick(results, (r) => r.perSecond),
  );
  return {
    id: "2",
    title: `Ack-less client-to-server events, ~1 KB object, ${clients.length} client processes (scenario 8: hand-written column)`,
    variants: VARIANTS,
    metrics: [events, ...cpuMetrics(results, (r) => r.handled)],
    targets: speedTargets(events),
    notes: [
      `each client process sends in batches of ${batch}, each followed by an acked sync that reports how many its handlers saw; at most ${window} batches outstanding`,
      lost.length === 0 ? "every event sent was handled (nothing lost)" : `LOST EVENTS in ${lost.length} rounds`,
      "client CPU per event is the clients' CPU time together, per event",
    ],
    settings: { durationMs, warmupMs, rounds, batch, window, clients: clients.length },
  };
}

/** Scenario 4: 256 KiB binary uploads with ack. */
export async function binaryUploads(server: Worker, client: Worker, settings: Settings): Promise<ScenarioReport> {
  const { durationMs, warmupMs, rounds, uploadsInFlight } = settings.throughput;
  const variants = [VARIANTS[0], VARIANTS[2]] as const;
  const results = await alternate(
    variants.map((v) => v.key),
    rounds,
    (variant) =>
      measure<ClosedLoopResult>(server, client, "upload", { variant, inFlight: uploadsInFlight, durationMs, warmupMs }),
  );
  const uploads = metric(
    "uploads per second",
    "uploads/s",
    "higher",
    pick(results, (r) => r.perSecond),
  );
  const throughput = metric(
    "throughput",
    "MiB/s",
    "higher",
    pick(results, (r) => r.perSecond / 4),
  );
  const p50 = metric(
    "p50 latency",
    "ms",
    "lower",
    pick(results, (r) => r.p50Ns / 1e6),
  );
  const ratio = relative(uploads, "bound", "plain");
  return {
    id: "4",
    title: `Binary: 256 KiB uploads with ack, ${uploadsInFlight} in flight`,
    variants,
    metrics: [uploads, throughput, p50, ...cpuMetrics(results, (r) => r.count)],
    targets: [
      {
        description: "socket-contract at 0.98x plain or better",
        measured: `${ratio.toFixed(2)}x`,
        pass: ratio >= 0.98,
      },
    ],
    notes: [],
    settings: { durationMs, warmupMs, rounds, uploadsInFlight },
  };
}

function speedTargets(events: ReturnType<typeof metric>): ScenarioReport["targets"] {
  const vsPlain = relative(events, "bound", "plain");
  const vsHand = relative(events, "bound", "hand");
  const handVsPlain = relative(events, "hand", "plain");
  return [
    {
      description: "socket-contract at 0.95x plain Socket.IO or better",
      measured: `${vsPlain.toFixed(2)}x`,
      pass: vsPlain >= 0.95,
    },
    {
      description: "socket-contract faster than hand-written safeParse",
      measured: `${vsHand.toFixed(2)}x (hand-written is ${handVsPlain.toFixed(2)}x plain)`,
      pass: vsHand > 1,
    },
  ];
}

function pick<TVariant extends string, TResult>(
  results: Record<TVariant, TResult[]>,
  value: (result: TResult) => number,
): Record<TVariant, number[]> {
  return Object.fromEntries(
    Object.entries(results).map(([variant, list]) => [variant, (list as TResult[]).map(value)]),
  ) as Record<TVariant, number[]>;
}

export type { Variant };
