import { writeFileSync } from "node:fs";
import { dirname, extname } from "node:path";
import { type Command, Option } from "commander";
import type { Contract } from "@socket-contract/contract";
import type { AsyncApiFormat } from "../../asyncapi/render-asyncapi.js";
import { CodegenError } from "../../errors.js";
import type { CliContext } from "../cli-context.js";
import { makeDir } from "../make-dir.js";
import { loadContract } from "../load/load-contract.js";

interface AsyncApiFlags {
  readonly out?: string;
  readonly export?: string;
  readonly format?: string;
}

/**
 * `socket-contract asyncapi <contract.ts> [--out file.yaml|file.json] [--format yaml|json] [--export name]`:
 * the contract as an AsyncAPI 3.0 document, written to a file or to stdout. The document's code is
 * loaded when the command runs, so other commands do not load it.
 *
 * @example
 * registerAsyncApi(program, context);
 */
export function registerAsyncApi(program: Command, context: CliContext): void {
  program
    .command("asyncapi")
    .description("write the contract as an AsyncAPI 3.0 document (YAML or JSON)")
    .argument("<contract>", "the TypeScript module that exports the contract")
    .option("-o, --out <file>", "the file to write, .yaml, .yml or .json (default: stdout)")
    .addOption(
      new Option("-f, --format <format>", "the format (default: from the --out extension, else yaml)").choices([
        "yaml",
        "json",
      ]),
    )
    .option(
      "-e, --export <name>",
      'the export holding the contract (default: "contract", or the only contract exported)',
    )
    .addHelpText("after", "\nExit codes: 0 written, 2 a problem with the contract, the arguments or the output file.")
    .action(async (contractFile: string, flags: AsyncApiFlags) => {
      const format = formatOf(flags);
      const loaded = await loadContract(contractFile, flags.export);
      const { renderAsyncApi } = await import("../../asyncapi/render-asyncapi.js");
      const text = renderAsyncApi(loaded.contract, format, { exports: loaded.exports });
      await warnApproximations(loaded.contract, loaded.exports, context);
      if (flags.out === undefined) {
        context.out(text.trimEnd());
        return;
      }
      writeText(flags.out, text);
      context.out(
        `wrote ${flags.out} (AsyncAPI 3.0, ${format.toUpperCase()}, ${loaded.contract.name} ${loaded.contract.version})`,
      );
    });
}

const BY_EXTENSION: Readonly<Record<string, AsyncApiFormat>> = { ".json": "json", ".yaml": "yaml", ".yml": "yaml" };

function formatOf(flags: AsyncApiFlags): AsyncApiFormat {
  const wanted = flags.format ?? (flags.out === undefined ? "yaml" : BY_EXTENSION[extname(flags.out).toLowerCase()]);
  if (wanted === "yaml" || wanted === "json") return wanted;
  throw new CodegenError(
    "UNWRITABLE_OUT",
    `cannot tell the format of ${flags.out}: name it .yaml, .yml or .json, or pass --format`,
  );
}

/** Prints, on stderr, each place where JSON Schema could only approximate the contract's type. */
export async function warnApproximations(
  contract: Contract,
  exports: Readonly<Record<string, unknown>>,
  context: CliContext,
): Promise<void> {
  const { wireContract } = await import("../../asyncapi/wire-contract.js");
  for (const warning of wireContract(contract, { exports }).warnings)
    context.err(`socket-contract: warning: ${warning.message}`);
}

/** Writes one output file, its folder created; a failure names the file. */
export function writeText(path: string, text: string): void {
  try {
    makeDir(dirname(path));
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CodegenError("UNWRITABLE_OUT", `cannot write ${path} (${code})`, { cause: error });
  }
}
