import { spawnSync } from "node:child_process";
import path from "node:path";
import { type Metric, type ScenarioReport, type Target, metric } from "../report.js";
import { median } from "../stats.js";
import { LAYOUTS, type Layout, SETUP_TIMEOUT_MS, TSC } from "./codegen-layouts.js";
/** A ceiling per tsc run; past it the run counts as "over limit". */
const TSC_TIMEOUT_MS = 180_000;
const TIME_TARGET = 0.3;
const INSTANTIATIONS_TARGET = 0.1;

/** `tsc --extendedDiagnostics` on one tsconfig: wall time and the type instantiations it reports. */
function typeCheckOnce(dir: string, variant: string): { ms: number; instantiations: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [TSC, "-p", `tsconfig.${variant}.json`, "--extendedDiagnostics"], {
    cwd: dir,
    encoding: "utf8",
    timeout: TSC_TIMEOUT_MS,
    killSignal: "SIGKILL",
  });
  const ms = performance.now() - start;
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT")
    return { ms: Infinity, instantiations: Number.NaN };
  if (result.status !== 0)
    throw new Error(
      `tsc -p tsconfig.${variant}.json exited ${result.status}:\n${result.stdout}\n${result.stderr}`.slice(0, 4000),
    );
  const instantiations = Number(/^Instantiations:\s+(\d+)/m.exec(result.stdout)?.[1] ?? Number.NaN);
  return { ms, instantiations };
}

type Variant = "generated" | "inference";

/** What one layout measured: per variant, seconds and instantiations of every round. */
interface LayoutRounds {
  readonly layout: Layout;
  readonly dir: string;
  readonly seconds: Record<Variant, number[]>;
  readonly instantiations: Record<Variant, number[]>;
}

/** The layout's metrics and its two targets (time and instantiations, generated over inference). */
function layoutResults(entry: LayoutRounds, events: number): { metrics: Metric[]; targets: Target[] } {
  const { layout } = entry;
  const time = metric(`tsc --noEmit, ${events} events, ${layout.label}`, "s", "lower", entry.seconds);
  const count = metric(`type instantiations, ${layout.label}`, "", "lower", entry.instantiations);
  const timeShare = time.medians.generated! / time.medians.inference!;
  const countShare = count.medians.generated! / count.medians.inference!;
  return {
    metrics: [time, count],
    targets: [
      {
        description: `${layout.label}: the generated types type-check in at most ${TIME_TARGET}x the time of inference`,
        measured: `${timeShare.toFixed(2)}x`,
        pass: timeShare <= TIME_TARGET,
      },
      {
        description: `${layout.label}: with at most ${INSTANTIATIONS_TARGET}x the type instantiations`,
        measured: `${countShare.toFixed(3)}x`,
        pass: countShare <= INSTANTIATIONS_TARGET,
      },
    ],
  };
}

/**
 * The same app through generated types and through inference, type-checked in turn, in each
 * layout (the contract as the app's own source files, and as a built workspace package).
 */
export function typeCheck(workDir: string, typecheckEvents: number, rounds: number): ScenarioReport {
  const variants = [
    { key: "inference", label: "inference alone", short: "inference" },
    { key: "generated", label: "generated types", short: "generated" },
  ];
  const title = `Type-check of one app using ${typecheckEvents} events: generated types vs inference alone`;
  const measured: LayoutRounds[] = [];
  const targets: Target[] = [];
  for (const layout of LAYOUTS) {
    const dir = path.join(workDir, `typecheck-${typecheckEvents}-${layout.key}`);
    if (layout.write(dir, typecheckEvents))
      measured.push({
        layout,
        dir,
        seconds: { generated: [], inference: [] },
        instantiations: { generated: [], inference: [] },
      });
    else
      targets.push({
        description: `${layout.label}: the generated types type-check in at most ${TIME_TARGET}x the time of inference`,
        measured: `not measured: generating ${typecheckEvents} events took over ${SETUP_TIMEOUT_MS / 1000} s`,
        pass: false,
      });
  }
  // Rounds alternate the order of the two variants, and every layout runs in every round, so a
  // change in the machine's load weighs on all of them alike. The floor (the declarations both
  // apps import, and no contract) runs once per round in the first layout's folder.
  const floorSeconds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (measured[0] !== undefined) floorSeconds.push(typeCheckOnce(measured[0].dir, "floor").ms / 1000);
    for (const entry of measured) {
      for (const variant of round % 2 === 0
        ? (["generated", "inference"] as const)
        : (["inference", "generated"] as const)) {
        const run = typeCheckOnce(entry.dir, variant);
        entry.seconds[variant].push(run.ms / 1000);
        entry.instantiations[variant].push(run.instantiations);
      }
    }
  }
  const results = measured.map((entry) => layoutResults(entry, typecheckEvents));
  const floor = median(floorSeconds);
  const floorNote = measured.map((entry) => {
    const share = floor / median(entry.seconds.inference);
    return `${(share * 100).toFixed(0)}% of inference's time (${entry.layout.key})`;
  });
  return {
    id: "7b",
    title,
    variants,
    metrics: results.flatMap((result) => result.metrics),
    targets: [...results.flatMap((result) => result.targets), ...targets],
    notes: [
      "the same app both ways (every client call and handler, every server handler); tsc 5.9 --noEmit --extendedDiagnostics, strict, skipLibCheck, the runtime packages from their built declarations",
      "contract as source files of the app: contract.ts and the generated folder are type-checked with the app, so both variants pay for checking the contract's Zod expressions",
      `floor: a program of the imports both apps share (socket.io, socket.io-client, the two runtimes) and no contract takes ${floor.toFixed(2)} s, ${floorNote.join(", ")}; no variant can be faster`,
      "contract as a built workspace package (as examples/chat/contract): src/contract.ts and src/generated built by tsc into dist, exported with `types` conditions, linked into node_modules; the app reads only the declarations (skipLibCheck), the generated variant never loads the contract's",
    ],
    settings: { typecheckEvents, rounds, layouts: LAYOUTS.map((layout) => layout.key) },
  };
}
