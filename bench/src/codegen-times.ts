// `npm run codegen-times -w @socket-contract/bench [-- --rounds 5]`: scenario 7's generate cases
// (10, 100 and 1,000 events, and 1,000 with 20 transforms and 10 brands), each run as a user runs
// the CLI, with its wall time, CPU time (user + system) and peak memory: a quick before/after
// check of a change to the generator without the whole benchmark. BENCH_CODEGEN_CLI measures
// another build of the CLI, as in scenario 7.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CLI, writeProject } from "./scenarios/codegen-run.js";
import { median } from "./stats.js";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" } } });
const rounds = Number(values.rounds);
const here = path.dirname(fileURLToPath(import.meta.url));
// Inside the repository, so the contracts resolve @socket-contract/contract and zod as an app's would.
const workDir = path.resolve(here, "..", "results", "codegen-times");
const hook = fileURLToPath(new URL("./workers/cpu-usage.js", import.meta.url));
const cases = [
  { key: "10", events: 10, extras: {} },
  { key: "100", events: 100, extras: {} },
  { key: "1000", events: 1_000, extras: {} },
  { key: "1000+T+B", events: 1_000, extras: { transforms: 20, brands: 10 } },
];

console.log(`node ${process.version}, ${rounds} rounds, medians; CLI: ${CLI}`);
console.log("| contract | wall s | CPU s (user + system) | peak MB |\n| --- | --- | --- | --- |");
for (const entry of cases) {
  const dir = path.join(workDir, entry.key);
  writeProject(dir, entry.events, entry.extras);
  const wall: number[] = [];
  const cpu: number[] = [];
  const peak: number[] = [];
  for (let round = 0; round < rounds; round++) {
    rmSync(path.join(dir, "generated"), { recursive: true, force: true });
    const usageFile = path.join(dir, ".cpu-usage.json");
    const start = performance.now();
    const result = spawnSync(
      process.execPath,
      ["--import", hook, CLI, "generate", "contract.ts", "--out", "generated"],
      { cwd: dir, encoding: "utf8", env: { ...process.env, CPU_USAGE_FILE: usageFile } },
    );
    wall.push(performance.now() - start);
    if (result.status !== 0)
      throw new Error(`generate (${entry.key}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
    const usage = JSON.parse(readFileSync(usageFile, "utf8")) as { userMs: number; systemMs: number; peakKb: number };
    cpu.push(usage.userMs + usage.systemMs);
    peak.push(usage.peakKb / 1024);
  }
  console.log(
    `| ${entry.key} events | ${(median(wall) / 1000).toFixed(2)} | ${(median(cpu) / 1000).toFixed(2)} | ${median(peak).toFixed(0)} |`,
  );
}
