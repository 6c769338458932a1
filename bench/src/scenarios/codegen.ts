import { rmSync } from "node:fs";
import path from "node:path";
import { type ScenarioReport, metric } from "../report.js";
import type { Settings } from "../settings.js";
import { median } from "../stats.js";
import { CLI, COMMAND_TIMEOUT_MS, timed, watchRegeneration, writeProject } from "./codegen-run.js";
import { typeCheck } from "./codegen-typecheck.js";

/** The targets for `generate`, in seconds, by contract size. */
const GENERATE_TARGET_S: Record<number, number> = { 10: 0.8, 100: 1, 1000: 2.5 };
const EXTRAS_TARGET_S = 5;
const WATCH_TARGET_MS = 300;
const PEAK_MEMORY_TARGET_MB = 400;

/**
 * Scenario 7: `socket-contract generate` on contracts of growing size (the CLI as a user runs it,
 * process start included) and on the largest with transforms and brands; its peak memory; the
 * time from saving the contract to regenerated files under `--watch`; then `tsc --noEmit` of the
 * same app written through the generated wrappers and through inference alone.
 */
export async function codeGeneration(settings: Settings, workDir: string): Promise<ScenarioReport[]> {
  const { sizes, extras, watchEvents, typecheckEvents, rounds } = settings.codegen;
  const cases = [
    ...sizes.map((events) => ({
      key: `${events}`,
      label: `${events} events`,
      events,
      extras: {},
      target: GENERATE_TARGET_S[events],
    })),
    {
      key: "extras",
      label: `${extras.events} events, ${extras.transforms} transforms, ${extras.brands} brands`,
      events: extras.events,
      extras,
      target: EXTRAS_TARGET_S,
    },
  ];
  const generateMs: Record<string, number[]> = {};
  const peakMb: Record<string, number[]> = {};
  for (const entry of cases) {
    const dir = path.join(workDir, `generate-${entry.key}`);
    writeProject(dir, entry.events, entry.extras);
    generateMs[entry.key] = [];
    peakMb[entry.key] = [];
    for (let round = 0; round < rounds; round++) {
      rmSync(path.join(dir, "generated"), { recursive: true, force: true });
      const run = timed(dir, CLI, ["generate", "contract.ts", "--out", "generated"]);
      generateMs[entry.key]!.push(run.ms);
      peakMb[entry.key]!.push(run.peakMb);
      if (run.ms === Infinity) break;
    }
  }
  const seconds = (key: string): number => median(generateMs[key]!) / 1000;
  const shown = (value: number): string =>
    value === Infinity ? `over ${COMMAND_TIMEOUT_MS / 1000} s (stopped)` : `${value.toFixed(2)} s`;
  const largest = `${sizes[sizes.length - 1]}`;
  const largestPeak = median(peakMb[largest]!);
  const generation: ScenarioReport = {
    id: "7a",
    title: "Code generation (socket-contract generate, process start included)",
    variants: cases.map((entry) => ({
      key: entry.key,
      label: entry.label,
      short: entry.key === "extras" ? `${extras.events}+T+B` : entry.key,
    })),
    metrics: [
      metric(
        "generate",
        "s",
        "lower",
        Object.fromEntries(Object.entries(generateMs).map(([key, values]) => [key, values.map((ms) => ms / 1000)])),
      ),
      metric("peak memory (RSS)", "MB", "lower", peakMb),
    ],
    targets: [
      ...cases
        .filter((entry) => entry.target !== undefined)
        .map((entry) => ({
          description: `generate, ${entry.label}: at most ${entry.target} s`,
          measured: shown(seconds(entry.key)),
          pass: seconds(entry.key) <= entry.target!,
        })),
      {
        description: `peak memory, ${largest} events: at most ${PEAK_MEMORY_TARGET_MB} MB`,
        measured: `${largestPeak.toFixed(0)} MB`,
        pass: largestPeak <= PEAK_MEMORY_TARGET_MB,
      },
    ],
    ratios: false,
    notes: [
      ...(CLI === process.env.BENCH_CODEGEN_CLI ? [`CLI: ${CLI}`] : []),
      "each event: an object payload of six fields (string limits, int, array, enum, optional) and, client-to-server, an object ack",
      `with extras: ${extras.transforms} payloads gain a transformed field (the checker is asked for those paths only) and ${extras.brands} a branded id, each brand an exported constant`,
    ],
    settings: { sizes, extras, rounds },
  };

  const watchDir = path.join(workDir, `watch-${watchEvents}`);
  writeProject(watchDir, watchEvents);
  const watchMs = await watchRegeneration(watchDir, Math.max(rounds, 3));
  const watchMedian = median(watchMs);
  const watch: ScenarioReport = {
    id: "7c",
    title: `generate --watch: from saving the ${watchEvents}-event contract to the files written`,
    variants: [{ key: "watch", label: "--watch", short: "watch" }],
    metrics: [metric("save to written", "ms", "lower", { watch: watchMs })],
    targets: [
      {
        description: `regeneration after a save: at most ${WATCH_TARGET_MS} ms`,
        measured: `${watchMedian.toFixed(0)} ms`,
        pass: watchMedian <= WATCH_TARGET_MS,
      },
    ],
    ratios: false,
    notes: [
      "each save changes one event's description, written in place; the time includes the watcher's 50 ms debounce",
    ],
    settings: { watchEvents },
  };
  return [generation, watch, typeCheck(workDir, typecheckEvents, rounds)];
}
