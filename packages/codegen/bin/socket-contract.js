#!/usr/bin/env node
// Runs the CLI from dist when the package is built, and from its TypeScript source otherwise
// (inside this monorepo, before any build): then through tsx, with the source export condition
// so workspace packages resolve to their sources too.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const built = fileURLToPath(new URL("../dist/cli/run.js", import.meta.url));
const source = fileURLToPath(new URL("../src/cli/run.ts", import.meta.url));

if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const child = spawn(process.execPath, ["--conditions=@socket-contract/source", "--import", import.meta.resolve("tsx"), source, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  // The child gets SIGINT from the terminal itself; forward it when it comes from elsewhere (a test, a supervisor).
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 130)));
}
