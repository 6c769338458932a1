import { main } from "./main.js";
import type { CliContext } from "./cli-context.js";

// The process entry of the `socket-contract` binary: real streams, SIGINT as the stop signal.
let stop: () => void = () => {};
const context: CliContext = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stopped: new Promise<void>((resolve) => {
    stop = resolve;
  }),
  exitCode: 0,
};
process.once("SIGINT", () => stop());
process.once("SIGTERM", () => stop());

const code = await main(process.argv.slice(2), context);
process.exit(code);
