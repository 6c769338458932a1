import { existsSync } from "node:fs";
import { type Command, Option } from "commander";
import { AUDIENCES, type Audience } from "../../diff/classify.js";
import { diffContracts } from "../../diff/diff-contracts.js";
import { formatDiff, isBreaking } from "../../diff/format-diff.js";
import { CodegenError } from "../../errors.js";
import type { CliContext } from "../cli-context.js";
import { loadContract } from "../load/load-contract.js";

interface DiffFlags {
  readonly json?: boolean;
  readonly export?: string;
  readonly audience: string;
}

/** Exit code of a diff that found a breaking change, as a CI step reads it. */
const BREAKING = 1;

/**
 * `socket-contract diff <old.ts> <new.ts> [--json] [--audience old-clients|old-servers|all] [--export name]`:
 * every change between two contracts, breaking or safe, with the reason; exits 1 on a breaking
 * change. Both sides are read from source, so a CI job needs only
 * `git show origin/main:src/contract.ts > old-contract.ts`.
 *
 * @example
 * registerDiff(program, context);
 */
export function registerDiff(program: Command, context: CliContext): void {
  program
    .command("diff")
    .description("compare two versions of a contract; exit 1 if a change breaks old clients or old servers")
    .argument("<old>", "the contract module as it was (for instance from git show main:src/contract.ts)")
    .argument("<new>", "the contract module as it is now")
    .option("--json", "print the report as JSON")
    .addOption(new Option("-a, --audience <audience>", "whose breakage fails the run").choices(["all", ...AUDIENCES]).default("all"))
    .option("-e, --export <name>", 'the export holding the contract in both files (default: "contract", or the only contract exported)')
    .addHelpText("after", "\nExit codes: 0 no breaking change, 1 a breaking change, 2 a problem with a contract or the arguments.")
    .action(async (oldFile: string, newFile: string, flags: DiffFlags) => {
      const counted = audiencesOf(flags.audience);
      // Loading a contract type-checks it, which takes seconds: a missing second file fails first.
      for (const file of [oldFile, newFile]) if (!existsSync(file)) throw new CodegenError("MISSING_FILE", `no contract file at ${file}`);
      const before = await loadContract(oldFile, flags.export);
      const after = await loadContract(newFile, flags.export);
      const report = diffContracts(before.contract, after.contract, { old: { exports: before.exports }, new: { exports: after.exports } });
      const breaking = report.changes.some((change) => isBreaking(change, counted));
      if (flags.json === true) context.out(JSON.stringify({ ...report, breaking, audiences: counted }, null, 2));
      else context.out(formatDiff(report, counted).trimEnd());
      if (breaking) context.exitCode = BREAKING;
    });
}

function audiencesOf(value: string): readonly Audience[] {
  return value === "all" ? AUDIENCES : [value as Audience];
}
