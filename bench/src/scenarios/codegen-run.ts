import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ContractExtras, contractModule } from "../codegen-fixtures.js";

// The package exports only its entry (dist/index.js); its bin sits one folder up from there.
// BENCH_CODEGEN_CLI measures another build of the CLI (a proposed change) on the same inputs.
export const CLI =
  process.env.BENCH_CODEGEN_CLI ??
  fileURLToPath(new URL("../bin/socket-contract.js", import.meta.resolve("@socket-contract/codegen")));
/** A ceiling per timed command, so a pathological case costs the run at most this much; it is then reported as "over". */
export const COMMAND_TIMEOUT_MS = 60_000;
const PEAK_RSS = fileURLToPath(new URL("../workers/peak-rss.js", import.meta.url));

export interface Timed {
  /** Wall time in ms, Infinity past the ceiling. */
  readonly ms: number;
  /** Peak resident set size of the process in MB (NaN when it did not finish). */
  readonly peakMb: number;
  readonly stdout: string;
}

/** Runs a Node script to completion and returns its wall time and peak memory; throws with its output on failure. */
export function timed(cwd: string, script: string, args: readonly string[], timeout = COMMAND_TIMEOUT_MS): Timed {
  const rssFile = path.join(cwd, ".peak-rss");
  rmSync(rssFile, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--import", PEAK_RSS, script, ...args], {
    cwd,
    encoding: "utf8",
    timeout,
    killSignal: "SIGKILL",
    env: { ...process.env, PEAK_RSS_FILE: rssFile },
  });
  const elapsed = performance.now() - start;
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT")
    return { ms: Infinity, peakMb: Number.NaN, stdout: "" };
  if (result.error !== undefined)
    throw new Error(`${path.basename(script)} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(
      `${path.basename(script)} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`.slice(
        0,
        4000,
      ),
    );
  const peakKb = Number(readFileSync(rssFile, "utf8"));
  return { ms: elapsed, peakMb: peakKb / 1024, stdout: result.stdout };
}

/** A folder with a package.json and the contract of `events` events. */
export function writeProject(dir: string, events: number, extras: ContractExtras = {}): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), `{ "type": "module", "private": true }\n`);
  writeFileSync(path.join(dir, "contract.ts"), contractModule(events, extras));
}

/**
 * `generate --watch` on a project: after the first build, saves the contract `rounds` times (a
 * changed description, written in place as most editors do) and returns, per save, the ms from
 * the save to the CLI's line saying the files are written.
 */
export async function watchRegeneration(dir: string, rounds: number): Promise<number[]> {
  const contractFile = path.join(dir, "contract.ts");
  const original = readFileSync(contractFile, "utf8");
  const child = spawn(process.execPath, [CLI, "generate", "contract.ts", "--out", "generated", "--watch"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = async (pattern: RegExp, from: number): Promise<void> => {
    const deadline = Date.now() + COMMAND_TIMEOUT_MS;
    while (!pattern.test(output.slice(from))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`generate --watch: no ${pattern} after the save:\n${output}`.slice(0, 4000));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  const times: number[] = [];
  try {
    await waitFor(/\[watch\] watching/, 0);
    for (let round = 0; round < rounds; round++) {
      const from = output.length;
      const start = performance.now();
      writeFileSync(
        contractFile,
        original.replace('description: "Updates item 0."', `description: "Updates item 0 (save ${round + 1})."`),
      );
      await waitFor(/\[watch\] contract\.ts changed: \d+ written/, from);
      times.push(performance.now() - start);
    }
  } finally {
    child.kill("SIGINT");
    writeFileSync(contractFile, original);
  }
  return times;
}
