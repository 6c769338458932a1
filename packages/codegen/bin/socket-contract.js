#!/usr/bin/env node
// An installed package (any copy under node_modules, or one without src) always runs its dist, in
// this process. Only a checkout of the monorepo runs the TypeScript source, when there is no build
// or a source file is newer than it: then through tsx in a child process, with the source export
// condition so workspace packages resolve to their sources. (npm unpacks src with newer times than
// dist, so the mtime test alone would send every installed CLI through tsx.)
import { spawn } from "node:child_process";
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import module from "node:module";
import { join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// Node 22.1+ keeps the compiled code of the modules this process loads (ours, zod, and TypeScript's
// 9 MB when the checker is needed) in its cache folder under the OS temp dir, as tsc's own bin does;
// a read-only install or temp dir only means no cache. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();

const packageDir = realpathSync(fileURLToPath(new URL("..", import.meta.url)));
const built = join(packageDir, "dist/cli/run.js");
const sourceDir = join(packageDir, "src");
const source = join(sourceDir, "cli/run.ts");
const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
const installed = packageDir.split(sep).includes("node_modules") || !existsSync(source);

if (installed || (existsSync(built) && !newerThan(sourceDir, statSync(built).mtimeMs))) {
  await import(pathToFileURL(built).href);
} else {
  const child = spawn(
    process.execPath,
    ["--conditions=@socket-contract/source", "--import", import.meta.resolve("tsx"), source, ...process.argv.slice(2)],
    {
      stdio: "inherit",
    },
  );
  // The child gets SIGINT from the terminal itself; forward every stop signal that comes from
  // elsewhere (a test, a supervisor, a closed terminal), so nothing outlives this process.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 128 + (signalNumbers[signal] ?? 2))));
}

/** Whether any file under `dir` changed after `time`. */
function newerThan(dir, time) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time;
  });
}
