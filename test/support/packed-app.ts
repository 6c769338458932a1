import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The published packages, by folder. */
export const PUBLISHED = ["contract", "runtime-server", "runtime-client", "codegen", "opentelemetry"] as const;

/** Runs a command and returns its output; a failure carries both streams in its message. */
export async function sh(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 32 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(" ")} failed in ${options.cwd}: ${message}\n${stdout ?? ""}\n${stderr ?? ""}`,
    );
  }
}

/**
 * Builds the published packages (turbo: a cache hit after `npm test`'s build) and packs each into
 * a tarball, as `npm publish` would, into a fresh folder. Returns the tarballs' paths.
 */
export async function packPackages(): Promise<string[]> {
  return withLock(join(tmpdir(), "socket-contract-pack.lock"), () => packUnlocked());
}

async function packUnlocked(): Promise<string[]> {
  await sh(
    process.execPath,
    [
      join(repoRoot, "node_modules/turbo/bin/turbo"),
      "run",
      "build",
      "--filter=./packages/*",
      "--output-logs=errors-only",
    ],
    { cwd: repoRoot, timeoutMs: 600_000 },
  );
  const into = mkdtempSync(join(tmpdir(), "socket-contract-tgz-"));
  for (const folder of PUBLISHED) {
    await sh("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", into], {
      cwd: join(repoRoot, "packages", folder),
    });
  }
  return readdirSync(into)
    .filter((name) => name.endsWith(".tgz"))
    .map((name) => join(into, name));
}

/**
 * Runs `work` while holding a lock folder, so test files packing at once (vitest runs files in
 * parallel) do not restore and read the same dist folders together. A lock older than 15 minutes
 * is taken as left behind by a killed run.
 */
async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 900_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 900_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released between the two calls: try again.
      }
      if (Date.now() > deadline) throw new Error(`${lock} stayed locked for 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A folder outside the repository, so nothing resolves through the monorepo's node_modules. */
export interface PackedApp {
  readonly dir: string;
  /** Runs a binary from the app's node_modules/.bin. */
  readonly bin: (
    name: string,
    args: readonly string[],
    env?: NodeJS.ProcessEnv,
  ) => Promise<{ stdout: string; stderr: string }>;
  readonly remove: () => void;
}

/**
 * A fresh app outside the repository with the tarballs installed by npm, plus `extra` registry
 * packages (`zod@4.5.0`, `typescript`), as a user's project would have them.
 *
 * @example
 * const app = await installApp(await packPackages(), ["zod", "socket.io", "socket.io-client"], { type: "module" });
 */
export async function installApp(
  tarballs: readonly string[],
  extra: readonly string[],
  manifest: Record<string, unknown> = { type: "module" },
): Promise<PackedApp> {
  const dir = mkdtempSync(join(tmpdir(), "socket-contract-app-"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "packed-app", version: "1.0.0", private: true, ...manifest }, null, 2),
  );
  await sh(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...tarballs, ...extra],
    { cwd: dir, timeoutMs: 600_000 },
  );
  return {
    dir,
    bin: (name, args, env) =>
      sh(join(dir, "node_modules/.bin", name), args, { cwd: dir, ...(env === undefined ? {} : { env }) }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes files into a folder, creating their folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The pids of every live descendant of `pid`, read from /proc (Linux). */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number): void => {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = "";
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, "utf8");
      } catch {
        continue;
      }
      for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Whether a process still runs (a zombie counts as ended). */
export function alive(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return !/^State:\s+Z/m.test(status);
  } catch {
    return false;
  }
}
