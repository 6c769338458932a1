import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const codegenRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = resolve(codegenRoot, "../..");
export const fixturesDir = join(codegenRoot, "test/fixtures");
const bin = join(codegenRoot, "bin/socket-contract.js");

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `socket-contract` binary, as a build step would, and collects its output. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `socket-contract ${args.join(" ")} did not finish in ${options.timeoutMs ?? 90_000} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Starts the binary and leaves it running (for watch mode). */
export function startCli(
  args: readonly string[],
  cwd = repoRoot,
): { child: ChildProcess; output: () => string; waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolvePromise, reject) => {
        const check = (): void => {
          if (!pattern.test(output)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolvePromise();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} in output after ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

/** A golden case: its folder, contract file, out dir, and the flags it is generated with. */
export interface GoldenCase {
  readonly name: string;
  readonly dir: string;
  readonly contract: string;
  readonly golden: string;
  readonly exportName: string;
  readonly args: readonly string[];
}

export function goldenCases(): GoldenCase[] {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(fixturesDir, entry.name, "contract.ts")))
    .map((entry) => {
      const dir = join(fixturesDir, entry.name);
      const options = existsSync(join(dir, "case.json"))
        ? (JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as { export?: string })
        : {};
      const contract = join(dir, "contract.ts");
      const golden = join(dir, "golden");
      const exportName = options.export ?? "contract";
      return {
        name: entry.name,
        dir,
        contract,
        golden,
        exportName,
        args: [
          "generate",
          contract,
          "--out",
          golden,
          ...(options.export === undefined ? [] : ["--export", options.export]),
        ],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
