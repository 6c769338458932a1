import { main } from "./main.js";
import type { CliContext } from "./cli-context.js";

// The process entry of the `socket-contract` binary: real streams. Only a command that asks for
// `stopped` (watch) turns SIGINT, SIGTERM and SIGHUP into a clean stop; every other command keeps
// Node's default, so a signal ends it at once, even in the middle of a generate.
let stopped: Promise<void> | undefined;
const context: CliContext = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  get stopped() {
    stopped ??= new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => resolve());
    });
    return stopped;
  },
  exitCode: 0,
};

const code = await main(process.argv.slice(2), context);
process.exit(code);
