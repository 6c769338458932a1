#!/usr/bin/env node
// Runs the CLI from dist when the package is built, and from its TypeScript source otherwise
// (inside this monorepo, before any build, or when a source file is newer than the build): then
// through tsx, with the source export condition so workspace packages resolve to their sources.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const built = fileURLToPath(new URL("../dist/cli/run.js", import.meta.url));
const sourceDir = fileURLToPath(new URL("../src", import.meta.url));
const source = join(sourceDir, "cli/run.ts");

if (existsSync(built) && !newerThan(sourceDir, statSync(built).mtimeMs)) {
  await import(pathToFileURL(built).href);
} else {
  const child = spawn(process.execPath, ["--conditions=@socket-contract/source", "--import", import.meta.resolve("tsx"), source, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  // The child gets SIGINT from the terminal itself; forward it when it comes from elsewhere (a test, a supervisor).
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 130)));
}

/** Whether any file under `dir` changed after `time` (a published package ships no src, so: never). */
function newerThan(dir, time) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time;
  });
}
