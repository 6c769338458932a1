import { existsSync } from "node:fs";
import { relative, sep } from "node:path";
import { type Command, Option } from "commander";
import { contractFingerprint } from "@socket-contract/contract";
import { AUDIENCES, type Audience } from "../../diff/classify.js";
import { CodegenError } from "../../errors.js";
import type { CliContext } from "../cli-context.js";
import { type LoadedContract, loadContract } from "../load/load-contract.js";

interface DiffFlags {
  readonly json?: boolean;
  readonly export?: string;
  readonly audience: string;
  readonly base?: string;
  readonly strictVersion?: boolean;
}

/** Exit code of a diff that found a breaking change, as a CI step reads it. */
const BREAKING = 1;

/**
 * `socket-contract diff <old.ts> <new.ts>` or `socket-contract diff --base <git-rev> <contract.ts>`,
 * with `[--json] [--audience old-clients|old-servers|all] [--export name] [--strict-version]`:
 * every change between two contracts, breaking or safe, with the reason, and what the versions
 * fail to say; exits 1 on a breaking change. With `--base`, the old contract is read from the git
 * revision together with the local files it imports.
 *
 * @example
 * registerDiff(program, context);
 */
export function registerDiff(program: Command, context: CliContext): void {
  program
    .command("diff")
    .description("compare two versions of a contract; exit 1 if a change breaks old clients or old servers")
    .argument("<old>", "the contract module as it was; with --base, the contract module as it is now")
    .argument("[new]", "the contract module as it is now (not with --base)")
    .option(
      "-b, --base <rev>",
      "read the old contract, and the local files it imports, from this git revision (origin/main, a tag, a commit)",
    )
    .option("--json", "print the report as JSON")
    .addOption(
      new Option("-a, --audience <audience>", "whose breakage fails the run")
        .choices(["all", ...AUDIENCES])
        .default("all"),
    )
    .option(
      "-e, --export <name>",
      'the export holding the contract in both files (default: "contract", or the only contract exported)',
    )
    .option(
      "--strict-version",
      "exit 1 also when the version does not say what changed (a breaking change without a major bump, a new wire shape under the same version)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  socket-contract diff --base origin/main src/contract.ts\n  socket-contract diff old-contract.ts src/contract.ts --audience old-clients\n\nExit codes: 0 no breaking change, 1 a breaking change (or, with --strict-version, a version that does not match), 2 a problem with a contract or the arguments.",
    )
    .action(async (first: string, second: string | undefined, flags: DiffFlags) => {
      const counted = audiencesOf(flags.audience);
      if ((flags.base === undefined) === (second === undefined)) {
        throw new CodegenError(
          "MISSING_FILE",
          flags.base === undefined
            ? "diff needs two contract files, <old> <new>, or --base <rev> and one"
            : "with --base, give only the contract file as it is now",
        );
      }
      const newFile = second ?? first;
      // Loading a contract type-checks it, which takes seconds: a missing second file fails first.
      for (const file of second === undefined ? [newFile] : [first, newFile])
        if (!existsSync(file)) throw new CodegenError("MISSING_FILE", `no contract file at ${file}`);
      const before =
        flags.base === undefined
          ? await loadContract(first, flags.export)
          : await loadAtRevision(flags.base, newFile, flags.export);
      const after = await loadContract(newFile, flags.export);
      const [{ diffContracts }, { formatDiff, isBreaking }, { versionFindings }] = await Promise.all([
        import("../../diff/diff-contracts.js"),
        import("../../diff/format-diff.js"),
        import("../../diff/version-check.js"),
      ]);
      const report = diffContracts(before.contract, after.contract, {
        old: { exports: before.exports },
        new: { exports: after.exports },
      });
      const versions = versionFindings(report, counted, {
        old: contractFingerprint(before.contract),
        new: contractFingerprint(after.contract),
      });
      const breaking = report.changes.some((change) => isBreaking(change, counted));
      if (flags.json === true)
        context.out(JSON.stringify({ ...report, breaking, audiences: counted, versions }, null, 2));
      else context.out(formatDiff(report, counted, versions).trimEnd());
      if (breaking || (flags.strictVersion === true && versions.length > 0)) context.exitCode = BREAKING;
    });
}

/** The contract as it was at a git revision, loaded from a snapshot that is removed afterwards. */
async function loadAtRevision(revision: string, file: string, exportName: string | undefined): Promise<LoadedContract> {
  const { readRevisionContract } = await import("../git-revision.js");
  const snapshot = readRevisionContract(revision, file);
  try {
    const loaded = await loadContract(snapshot.file, exportName);
    // An import the snapshot could not follow (a workspace package, an alias leading out of the repository) would
    // load today's file instead: refuse rather than compare the wrong thing.
    const outside = loaded.files.find((path) => relative(snapshot.root, path).split(sep)[0] === "..");
    if (outside !== undefined) {
      throw new CodegenError(
        "GIT_REVISION",
        `the contract at ${revision} imports ${relative(process.cwd(), outside)} through a path diff --base cannot follow (only relative imports, #imports subpaths and tsconfig paths aliases are read from the revision); write the old contract to a file and run diff <old> <new>`,
      );
    }
    const linked = snapshot.changedWorkspaceImport(loaded.files);
    if (linked !== undefined) {
      throw new CodegenError(
        "GIT_REVISION",
        `the contract at ${revision} imports ${linked.specifier}, a workspace package in ${linked.folder} that changed since ${revision}, which diff --base would read as it is today; write the old contract to a file and run diff <old> <new>`,
      );
    }
    return loaded;
  } finally {
    snapshot.remove();
  }
}

function audiencesOf(value: string): readonly Audience[] {
  return value === "all" ? AUDIENCES : [value as Audience];
}
