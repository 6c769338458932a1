import { Command, CommanderError } from "commander";
import { CodegenError } from "../errors.js";
import { type CliContext, EXIT } from "./cli-context.js";
import { registerAsyncApi } from "./commands/asyncapi.js";
import { registerDiff } from "./commands/diff.js";
import { registerDocs } from "./commands/docs.js";
import { registerGenerate } from "./commands/generate.js";
import { cliVersion } from "./version.js";

/**
 * The commands of the CLI, one module each under `commands/`. A new command (`asyncapi`, `docs`,
 * `diff`) adds its `register...` function here.
 */
const COMMANDS: readonly ((program: Command, context: CliContext) => void)[] = [
  registerGenerate,
  registerAsyncApi,
  registerDocs,
  registerDiff,
];

/**
 * Runs the `socket-contract` CLI on `argv` (without `node` and the script) and returns the exit
 * code: 0 done, 1 stale output (`--check`), 2 a mistake the user can fix, 3 a bug of ours.
 *
 * @example
 * process.exitCode = await main(["generate", "src/contract.ts", "--out", "src/generated"], context);
 */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  const program = new Command("socket-contract")
    .description("Generate typed Socket.IO wrappers and documents from a socket-contract contract.")
    .version(cliVersion(), "-V, --version", "print the version of socket-contract")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.out(text.trimEnd()),
      writeErr: (text) => context.err(text.trimEnd()),
    })
    .showHelpAfterError("(run socket-contract --help for usage)");
  for (const register of COMMANDS) register(program, context);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; anything else commander refuses is a usage mistake.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (CodegenError.is(error)) {
      context.err(`socket-contract: ${error.message}`);
      return EXIT.usage;
    }
    context.err(
      `socket-contract: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.internal;
  }
}
