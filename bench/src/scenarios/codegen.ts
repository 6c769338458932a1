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
const CLI = fileURLToPath(new URL("../bin/socket-contract.js", import.meta.resolve("@socket-contract/codegen")));
const TSC = require.resolve("typescript/bin/tsc");
/** A generous ceiling per command, so a pathological case ends the scenario instead of the run. */
const COMMAND_TIMEOUT_MS = 180_000;

/** Runs a Node script to completion and returns its wall time in ms; throws with its output on failure. */
function timed(cwd: string, script: string, args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8", timeout: COMMAND_TIMEOUT_MS });
  const elapsed = performance.now() - start;
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
    for (let round = 0; round < rounds; round++) {
      rmSync(path.join(dir, "generated"), { recursive: true, force: true });
      generateMs[`${events}`]!.push(timed(dir, CLI, ["generate", "contract.ts", "--out", "generated"]));
    }
  }

  const dir = path.join(workDir, `typecheck-${typecheckEvents}`);
  writeProject(dir, typecheckEvents);
  timed(dir, CLI, ["generate", "contract.ts", "--out", "generated"]);
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

  const largest = sizes[sizes.length - 1]!;
  const largestSeconds = median(generateMs[`${largest}`]!) / 1000;
  const typecheck = metric(`tsc --noEmit, app using ${typecheckEvents} events`, "s", "lower", { inference: typecheckMs.inference.map((ms) => ms / 1000), generated: typecheckMs.generated.map((ms) => ms / 1000) });
  const share = typecheck.medians.generated! / typecheck.medians.inference!;
  return [
    {
      id: "7a",
      title: "Code generation time (socket-contract generate, process start included)",
      variants: sizes.map((events) => ({ key: `${events}`, label: `${events} events`, short: `${events}` })),
      metrics: [metric("generate", "s", "lower", Object.fromEntries(Object.entries(generateMs).map(([key, values]) => [key, values.map((ms) => ms / 1000)])))],
      targets: [{ description: `${largest} events generated in under 10 s`, measured: `${largestSeconds.toFixed(1)} s`, pass: largestSeconds < 10 }],
      ratios: false,
      notes: ["each event: an object payload of six fields (string limits, int, array, enum, optional) and, client-to-server, an object ack"],
      settings: { sizes, rounds },
    },
    {
      id: "7b",
      title: `Type-check time of one app using ${typecheckEvents} events: generated types vs inference alone`,
      variants: [
        { key: "inference", label: "inference alone", short: "inference" },
        { key: "generated", label: "generated types", short: "generated" },
      ],
      metrics: [typecheck],
      targets: [{ description: "the generated types type-check in at most half the time of inference", measured: `${(share * 100).toFixed(0)}% of inference's time`, pass: share <= 0.5 }],
      notes: ["the same app both ways (every client call and handler, every server handler); tsc 5.9 --noEmit, strict, skipLibCheck, the runtime packages from their built declarations; the generated folder is type-checked with the app"],
      settings: { typecheckEvents, rounds },
    },
  ];
}
