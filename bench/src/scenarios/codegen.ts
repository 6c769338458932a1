import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appTsconfig, contractModule, generatedApp, inferenceApp } from "../codegen-fixtures.js";
import { type ScenarioReport, metric } from "../report.js";
import type { Settings } from "../settings.js";
import { median } from "../stats.js";

const require = createRequire(import.meta.url);
// The package exports only its entry (dist/index.js); its bin sits one folder up from there.
// BENCH_CODEGEN_CLI measures another build of the CLI (a proposed change) on the same inputs.
const CLI = process.env.BENCH_CODEGEN_CLI ?? fileURLToPath(new URL("../bin/socket-contract.js", import.meta.resolve("@socket-contract/codegen")));
const TSC = require.resolve("typescript/bin/tsc");
/** A ceiling per timed command, so a pathological case costs the run at most this much; it is then reported as "over". */
const COMMAND_TIMEOUT_MS = 60_000;
/** Generating the type-check app's wrappers is not what is timed there, so it may take longer. */
const SETUP_TIMEOUT_MS = 240_000;

/** Runs a Node script to completion and returns its wall time in ms (Infinity past the ceiling); throws with its output on failure. */
function timed(cwd: string, script: string, args: readonly string[], timeout = COMMAND_TIMEOUT_MS): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8", timeout, killSignal: "SIGKILL" });
  const elapsed = performance.now() - start;
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") return Infinity;
  if (result.error !== undefined) throw new Error(`${path.basename(script)} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${path.basename(script)} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`.slice(0, 4000));
  return elapsed;
}

function writeProject(dir: string, events: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), `{ "type": "module", "private": true }\n`);
  writeFileSync(path.join(dir, "contract.ts"), contractModule(events));
}

/**
 * Scenario 7: `socket-contract generate` on contracts of growing size (the CLI as a user runs it,
 * process start included), then `tsc --noEmit` of the same app written through the generated
 * wrappers and through inference alone.
 */
export function codeGeneration(settings: Settings, workDir: string): ScenarioReport[] {
  const { sizes, typecheckEvents, rounds } = settings.codegen;
  const generateMs: Record<string, number[]> = {};
  for (const events of sizes) {
    const dir = path.join(workDir, `generate-${events}`);
    writeProject(dir, events);
    generateMs[`${events}`] = [];
    // The largest contract once: it is the slow one, and the run has a time budget.
    for (let round = 0; round < (events >= 1_000 ? 1 : rounds); round++) {
      rmSync(path.join(dir, "generated"), { recursive: true, force: true });
      const ms = timed(dir, CLI, ["generate", "contract.ts", "--out", "generated"]);
      generateMs[`${events}`]!.push(ms);
      if (ms === Infinity) break;
    }
  }

  const largest = sizes[sizes.length - 1]!;
  const largestSeconds = median(generateMs[`${largest}`]!) / 1000;
  const generation: ScenarioReport = {
    id: "7a",
    title: "Code generation time (socket-contract generate, process start included)",
    variants: sizes.map((events) => ({ key: `${events}`, label: `${events} events`, short: `${events}` })),
    metrics: [metric("generate", "s", "lower", Object.fromEntries(Object.entries(generateMs).map(([key, values]) => [key, values.map((ms) => ms / 1000)])))],
    targets: [{ description: `${largest} events generated in under 10 s`, measured: largestSeconds === Infinity ? `over ${COMMAND_TIMEOUT_MS / 1000} s (stopped)` : `${largestSeconds.toFixed(1)} s`, pass: largestSeconds < 10 }],
    ratios: false,
    notes: [...(CLI === process.env.BENCH_CODEGEN_CLI ? [`CLI: ${CLI}`] : []), "each event: an object payload of six fields (string limits, int, array, enum, optional) and, client-to-server, an object ack"],
    settings: { sizes, rounds },
  };
  return [generation, typeCheck(workDir, typecheckEvents, rounds)];
}

/** The same app through generated types and through inference, type-checked in turn. */
function typeCheck(workDir: string, typecheckEvents: number, rounds: number): ScenarioReport {
  const variants = [
    { key: "inference", label: "inference alone", short: "inference" },
    { key: "generated", label: "generated types", short: "generated" },
  ];
  const title = `Type-check time of one app using ${typecheckEvents} events: generated types vs inference alone`;
  const dir = path.join(workDir, `typecheck-${typecheckEvents}`);
  writeProject(dir, typecheckEvents);
  if (timed(dir, CLI, ["generate", "contract.ts", "--out", "generated"], SETUP_TIMEOUT_MS) === Infinity) {
    const description = "the generated types type-check in at most half the time of inference";
    return { id: "7b", title, variants, metrics: [], targets: [{ description, measured: `not measured: generating ${typecheckEvents} events took over ${SETUP_TIMEOUT_MS / 1000} s`, pass: false }], notes: [], settings: { typecheckEvents } };
  }
  writeFileSync(path.join(dir, "app-generated.ts"), generatedApp(typecheckEvents));
  writeFileSync(path.join(dir, "app-inference.ts"), inferenceApp(typecheckEvents));
  writeFileSync(path.join(dir, "tsconfig.generated.json"), appTsconfig(["app-generated.ts"]));
  writeFileSync(path.join(dir, "tsconfig.inference.json"), appTsconfig(["app-inference.ts"]));
  const typecheckMs: Record<"generated" | "inference", number[]> = { generated: [], inference: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of round % 2 === 0 ? (["generated", "inference"] as const) : (["inference", "generated"] as const)) {
      typecheckMs[variant].push(timed(dir, TSC, ["-p", `tsconfig.${variant}.json`]));
    }
  }
  const typecheck = metric(`tsc --noEmit, app using ${typecheckEvents} events`, "s", "lower", { inference: typecheckMs.inference.map((ms) => ms / 1000), generated: typecheckMs.generated.map((ms) => ms / 1000) });
  const share = typecheck.medians.generated! / typecheck.medians.inference!;
  return {
    id: "7b",
    title,
    variants,
    metrics: [typecheck],
    targets: [{ description: "the generated types type-check in at most half the time of inference", measured: `${(share * 100).toFixed(0)}% of inference's time`, pass: share <= 0.5 }],
    notes: ["the same app both ways (every client call and handler, every server handler); tsc 5.9 --noEmit, strict, skipLibCheck, the runtime packages from their built declarations; the generated folder is type-checked with the app"],
    settings: { typecheckEvents, rounds },
  };
}
