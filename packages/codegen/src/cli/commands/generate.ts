import type { Command } from "commander";
import { assertOutDir, diffOutDir, writeOutDir } from "../out-dir.js";
import { withRequiredOut } from "../required-out.js";
import { generateFromFile } from "../run-generate.js";
import { type CliContext, EXIT } from "../cli-context.js";

/** Zod types Socket.IO's default (JSON) parser cannot carry as they are. */
const NOT_JSON = new Set(["date", "bigint", "set", "map", "nan"]);

interface GenerateFlags {
  readonly out: string;
  readonly export?: string;
  readonly check?: boolean;
  readonly watch?: boolean;
}

/**
 * `socket-contract generate <contract.ts> --out <dir> [--export name] [--check | --watch]`, and
 * `check` and `watch`, the same with `--check` or `--watch` (DESIGN names them as commands too).
 *
 * @example
 * registerGenerate(program, context);
 */
export function registerGenerate(program: Command, context: CliContext): void {
  contractCommand(program, "generate", "write typed wrappers, event maps and named types for a contract")
    .option("--check", "write nothing; list stale files and exit 1 if any")
    .option("-w, --watch", "regenerate when the contract or a file it imports changes")
    .addHelpText(
      "after",
      "\nExit codes: 0 done, 1 stale files (--check), 2 a problem with the contract, the arguments or the out dir.",
    )
    .action((contractFile: string, flags: GenerateFlags) => runGenerate(contractFile, flags, context));
  contractCommand(program, "check", "write nothing; list stale generated files and exit 1 if any (generate --check)")
    .addHelpText("after", "\nExit codes: 0 up to date, 1 stale files, 2 a problem with the contract or the arguments.")
    .action((contractFile: string, flags: GenerateFlags) =>
      runGenerate(contractFile, { ...flags, check: true }, context),
    );
  contractCommand(
    program,
    "watch",
    "regenerate when the contract or a file it imports changes (generate --watch)",
  ).action((contractFile: string, flags: GenerateFlags) =>
    runGenerate(contractFile, { ...flags, watch: true }, context),
  );
}

/**
 * A command that takes the contract module, the required `--out` and `--export`.
 *
 * @example
 * contractCommand(program, "check", "list stale generated files").action(...);
 */
function contractCommand(program: Command, name: string, description: string): Command {
  return withRequiredOut(
    program
      .command(name)
      .description(description)
      .argument("<contract>", "the TypeScript module that exports the contract"),
    "the directory to write generated files to",
  ).option(
    "-e, --export <name>",
    'the export holding the contract (default: "contract", or the only contract exported)',
  );
}

/**
 * Generates into `flags.out`, or checks it (`check`), or keeps it generated (`watch`).
 *
 * @example
 * await runGenerate("src/contract.ts", { out: "src/generated", check: true }, context);
 */
async function runGenerate(contractFile: string, flags: GenerateFlags, context: CliContext): Promise<void> {
  if (flags.check === true && flags.watch === true) {
    context.err("socket-contract: --check and --watch cannot be used together");
    context.exitCode = EXIT.usage;
    return;
  }
  assertOutDir(flags.out);
  const request = {
    contractFile,
    outDir: flags.out,
    ...(flags.export === undefined ? {} : { exportName: flags.export }),
  };
  if (flags.watch === true) {
    const { watchContract } = await import("../watch.js");
    await watchContract(request, context);
    return;
  }
  const { files, loaded } = await generateFromFile(request);
  // The wire contract (a JSON Schema of every schema) names the places; it is built only when there is one to name.
  const warnings = hasSchemaOfKind(loaded.contract, NOT_JSON)
    ? (await import("../../asyncapi/wire-contract.js")).wireContract(loaded.contract, { exports: loaded.exports })
        .warnings
    : [];
  for (const warning of warnings) {
    if (NOT_JSON.has(warning.kind)) context.err(`socket-contract: warning: ${warning.message}`);
  }
  if (flags.check === true) {
    const { changed, obsolete } = diffOutDir(flags.out, files);
    for (const path of changed) context.out(`stale: ${joinPath(flags.out, path)}`);
    for (const path of obsolete) context.out(`obsolete: ${joinPath(flags.out, path)}`);
    if (changed.length + obsolete.length > 0) {
      const rerun = ["generate", contractFile, "--out", flags.out];
      if (flags.export !== undefined) rerun.push("--export", flags.export);
      context.err(
        `socket-contract: ${changed.length + obsolete.length} generated file(s) are stale; run socket-contract ${rerun.map(shellWord).join(" ")}`,
      );
      context.exitCode = EXIT.stale;
    } else context.out(`up to date: ${files.length} files in ${flags.out}`);
    return;
  }
  const { changed, obsolete } = writeOutDir(flags.out, files);
  context.out(
    `generated ${files.length} files in ${flags.out} (${changed.length} written, ${obsolete.length} removed)`,
  );
}

/**
 * Whether a Zod schema of one of `kinds` is reachable from `root` (through objects, arrays,
 * schema definitions and lazy getters): a quick walk that may say yes too often, never no wrongly.
 */
function hasSchemaOfKind(root: unknown, kinds: ReadonlySet<string>): boolean {
  const seen = new Set<object>();
  const queue: unknown[] = [root];
  while (queue.length > 0) {
    const value = queue.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    const def = (value as { _zod?: { def?: { type?: unknown; getter?: unknown } } })._zod?.def;
    if (def !== undefined) {
      if (typeof def.type === "string" && kinds.has(def.type)) return true;
      if (def.type === "lazy" && typeof def.getter === "function") queue.push((def.getter as () => unknown)());
      queue.push(def);
      continue;
    }
    queue.push(...(Array.isArray(value) ? value : Object.values(value)));
  }
  return false;
}

function joinPath(dir: string, path: string): string {
  return `${dir.replace(/[\\/]+$/, "")}/${path}`;
}

/**
 * `word` as a POSIX shell reads it back: as it is when it holds only safe characters, else in
 * single quotes, so a printed command can be pasted as it is (a path with a space).
 *
 * @example
 * shellWord("src/my api.ts"); // "'src/my api.ts'"
 */
function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
