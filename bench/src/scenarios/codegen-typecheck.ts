import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { appTsconfig, generatedApp, inferenceApp } from "../codegen-fixtures.js";
import { type ScenarioReport, metric } from "../report.js";
import { CLI, timed, writeProject } from "./codegen-run.js";

const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/bin/tsc");
/** Generating the type-check app's wrappers is not what is timed here, so it may take longer. */
const SETUP_TIMEOUT_MS = 240_000;
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

/** The same app through generated types and through inference, type-checked in turn. */
export function typeCheck(workDir: string, typecheckEvents: number, rounds: number): ScenarioReport {
  const variants = [
    { key: "inference", label: "inference alone", short: "inference" },
    { key: "generated", label: "generated types", short: "generated" },
  ];
  const title = `Type-check of one app using ${typecheckEvents} events: generated types vs inference alone`;
  const dir = path.join(workDir, `typecheck-${typecheckEvents}`);
  writeProject(dir, typecheckEvents);
  if (timed(dir, CLI, ["generate", "contract.ts", "--out", "generated"], SETUP_TIMEOUT_MS).ms === Infinity) {
    const description = `the generated types type-check in at most ${TIME_TARGET}x the time of inference`;
    return {
      id: "7b",
      title,
      variants,
      metrics: [],
      targets: [
        {
          description,
          measured: `not measured: generating ${typecheckEvents} events took over ${SETUP_TIMEOUT_MS / 1000} s`,
          pass: false,
        },
      ],
      notes: [],
      settings: { typecheckEvents },
    };
  }
  writeFileSync(path.join(dir, "app-generated.ts"), generatedApp(typecheckEvents));
  writeFileSync(path.join(dir, "app-inference.ts"), inferenceApp(typecheckEvents));
  writeFileSync(path.join(dir, "tsconfig.generated.json"), appTsconfig(["app-generated.ts"]));
  writeFileSync(path.join(dir, "tsconfig.inference.json"), appTsconfig(["app-inference.ts"]));
  const seconds: Record<"generated" | "inference", number[]> = { generated: [], inference: [] };
  const instantiations: Record<"generated" | "inference", number[]> = { generated: [], inference: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of round % 2 === 0
      ? (["generated", "inference"] as const)
      : (["inference", "generated"] as const)) {
      const run = typeCheckOnce(dir, variant);
      seconds[variant].push(run.ms / 1000);
      instantiations[variant].push(run.instantiations);
    }
  }
  const time = metric(`tsc --noEmit, app using ${typecheckEvents} events`, "s", "lower", seconds);
  const count = metric("type instantiations (--extendedDiagnostics)", "", "lower", instantiations);
  const timeShare = time.medians.generated! / time.medians.inference!;
  const countShare = count.medians.generated! / count.medians.inference!;
  return {
    id: "7b",
    title,
    variants,
    metrics: [time, count],
    targets: [
      {
        description: `the generated types type-check in at most ${TIME_TARGET}x the time of inference`,
        measured: `${timeShare.toFixed(2)}x`,
        pass: timeShare <= TIME_TARGET,
      },
      {
        description: `with at most ${INSTANTIATIONS_TARGET}x the type instantiations`,
        measured: `${countShare.toFixed(3)}x`,
        pass: countShare <= INSTANTIATIONS_TARGET,
      },
    ],
    notes: [
      "the same app both ways (every client call and handler, every server handler); tsc 5.9 --noEmit --extendedDiagnostics, strict, skipLibCheck, the runtime packages from their built declarations; the generated folder is type-checked with the app",
    ],
    settings: { typecheckEvents, rounds },
  };
}
