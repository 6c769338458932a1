import type { Command } from "commander";

/**
 * Adds the required `-o, --out <dir>` to a command whose argument is the contract, checked after
 * that argument: commander checks a `requiredOption` before the arguments, so `socket-contract
 * generate` alone named `--out` rather than the contract, the part a newcomer forgets first.
 *
 * @example
 * withRequiredOut(program.command("docs").argument("<contract>", "..."), "the directory to write to");
 */
export function withRequiredOut(command: Command, description: string): Command {
  return command.option("-o, --out <dir>", description).hook("preAction", (self) => {
    if (self.opts().out === undefined)
      self.error("error: required option '-o, --out <dir>' not specified", {
        code: "commander.missingMandatoryOptionValue",
      });
  });
}
