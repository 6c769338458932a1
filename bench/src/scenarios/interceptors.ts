import type { InterceptNamespace } from "../intercept-contract.js";
import { type ScenarioReport, metric, relative } from "../report.js";
import { type Worker, startWorker } from "../rpc.js";
import type { Settings } from "../settings.js";
import { alternate } from "../stats.js";

/** The scenario's id in `--only` and in the printed report. */
export const INTERCEPTORS_ID = "13";

/** The share of traces the sampled variant keeps. */
const SAMPLED_RATIO = 0.1;

const VARIANTS = [
  { key: "none", label: "no interceptors", short: "none" },
  { key: "noop", label: "interceptors doing nothing", short: "no-op" },
  { key: "tracing", label: "tracing(), no SDK", short: "tracing" },
  { key: "sdk", label: "tracing(), SDK + BatchSpanProcessor", short: "SDK" },
  { key: "sampled", label: "same, 10% of traces sampled", short: "SDK 10%" },
] as const;
type Variant = (typeof VARIANTS)[number]["key"];

type Run = { perSecond: number; p50Ns: number; p99Ns: number; count: number; cpuUs: number };

/**
 * Scenario 1's acked events (~1 KB object, a fixed number in flight) through socket-contract on
 * both sides, four ways in one run: no interceptors; an interceptor that does nothing on each
 * side; `tracing()` on each side with no SDK registered (the no-op API); `tracing()` with the SDK
 * registered in both processes and a BatchSpanProcessor (a second server and client pair, as the
 * SDK is global to a process); and, reported only, the same with a sampler that keeps 10% of
 * traces (a third pair). Variants alternate round by round.
 */
export async function interceptorOverhead(settings: Settings): Promise<ScenarioReport> {
  const { inFlight, durationMs, warmupMs, rounds } = settings.throughput;
  const plain = { server: startWorker("intercept-server"), client: startWorker("intercept-client") };
  const sdkEnv = { BENCH_OTEL_SDK: "1" };
  const sdk = {
    server: startWorker("intercept-server", [], sdkEnv),
    client: startWorker("intercept-client", [], sdkEnv),
  };
  const ratioEnv = { ...sdkEnv, BENCH_OTEL_RATIO: String(SAMPLED_RATIO) };
  const sampled = {
    server: startWorker("intercept-server", [], ratioEnv),
    client: startWorker("intercept-client", [], ratioEnv),
  };
  const workers = [plain.server, plain.client, sdk.server, sdk.client, sampled.server, sampled.client];
  try {
    for (const pair of [plain, sdk, sampled]) {
      const { url } = await pair.server.call<{ url: string }>("listen");
      await pair.client.call("connect", { url });
    }
    const where: Record<Variant, { pair: typeof plain; namespace: InterceptNamespace }> = {
      none: { pair: plain, namespace: "/none" },
      noop: { pair: plain, namespace: "/noop" },
      tracing: { pair: plain, namespace: "/traced" },
      sdk: { pair: sdk, namespace: "/traced" },
      sampled: { pair: sampled, namespace: "/traced" },
    };
    const results = await alternate(
      VARIANTS.map((v) => v.key),
      rounds,
      async (variant) => {
        const { pair, namespace } = where[variant];
        const input = { namespace, inFlight, durationMs };
        await pair.client.call("acked", { ...input, durationMs: warmupMs });
        const before = await pair.server.call<number>("cpu");
        const run = await pair.client.call<Run>("acked", input);
        const after = await pair.server.call<number>("cpu");
        return { ...run, serverCpuUs: after - before };
      },
    );
    // The batch processor exports on a timer (5 s) or 512 spans at a time: what is still queued is not counted.
    const [plainSpans, serverSpans, clientSpans, sampledSpans] = await Promise.all([
      plain.server.call<number>("spans"),
      sdk.server.call<number>("spans"),
      sdk.client.call<number>("spans"),
      sampled.server.call<number>("spans"),
    ]);
    const pick = (value: (run: Run & { serverCpuUs: number }) => number) =>
      Object.fromEntries(Object.entries(results).map(([key, list]) => [key, list.map(value)])) as Record<
        Variant,
        number[]
      >;
    const events = metric(
      "acked events per second",
      "events/s",
      "higher",
      pick((r) => r.perSecond),
    );
    const p50 = metric(
      "p50 latency",
      "ms",
      "lower",
      pick((r) => r.p50Ns / 1e6),
    );
    const p99 = metric(
      "p99 latency",
      "ms",
      "lower",
      pick((r) => r.p99Ns / 1e6),
    );
    const serverCpu = metric(
      "server CPU per event",
      "µs",
      "lower",
      pick((r) => r.serverCpuUs / r.count),
    );
    const clientCpu = metric(
      "client CPU per event",
      "µs",
      "lower",
      pick((r) => r.cpuUs / r.count),
    );
    const target = (variant: Variant, description: string, minimum: number) => {
      const ratio = relative(events, variant, "none");
      return { description, measured: `${ratio.toFixed(2)}x`, pass: ratio >= minimum };
    };
    return {
      id: INTERCEPTORS_ID,
      title: `Interceptors and tracing on scenario 1's acked events (~1 KB object, ${inFlight} in flight), both sides`,
      variants: VARIANTS,
      metrics: [events, p50, p99, serverCpu, clientCpu],
      targets: [
        target("noop", "interceptors registered, doing nothing: 0.98x no interceptors or better", 0.98),
        target("tracing", "tracing() with no SDK registered: 0.97x or better", 0.97),
        target("sdk", "tracing() with the SDK and a BatchSpanProcessor: 0.85x or better", 0.85),
      ],
      notes: [
        "each variant binds both sides alike: the client with the same interceptors as its server namespace",
        `the SDK pair exported ${serverSpans} server spans and ${clientSpans} client spans (an exporter that counts and drops them); the no-SDK pair ${plainSpans}`,
        `the sampled pair (a parent-based sampler over a ${SAMPLED_RATIO} trace-id ratio, a third server and client) exported ${sampledSpans} server spans; reported, not a target: the SDK row with the default sampler is the target's`,
      ],
      settings: { inFlight, durationMs, warmupMs, rounds },
    };
  } finally {
    await Promise.all(workers.map((worker: Worker) => worker.stop()));
  }
}
