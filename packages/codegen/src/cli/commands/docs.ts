import { join } from "node:path";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { loadContract } from "../load/load-contract.js";
import { withRequiredOut } from "../required-out.js";
import { warnApproximations, writeText } from "./asyncapi.js";

interface DocsFlags {
  readonly out: string;
  readonly export?: string;
}

/**
 * `socket-contract docs <contract.ts> --out <dir> [--export name]`: the contract's reference page,
 * one self-contained `index.html` that opens in any browser from disk.
 *
 * @example
 * registerDocs(program, context);
 */
export function registerDocs(program: Command, context: CliContext): void {
  withRequiredOut(
    program
      .command("docs")
      .description("write a readable HTML reference page of the contract (index.html)")
      .argument("<contract>", "the TypeScript module that exports the contract"),
    "the directory to write index.html to",
  )
    .option(
      "-e, --export <name>",
      'the export holding the contract (default: "contract", or the only contract exported)',
    )
    .addHelpText("after", "\nExit codes: 0 written, 2 a problem with the contract, the arguments or the out dir.")
    .action(async (contractFile: string, flags: DocsFlags) => {
      const loaded = await loadContract(contractFile, flags.export);
      const { renderDocsPage } = await import("../../docs/render-docs.js");
      const file = join(flags.out, "index.html");
      writeText(file, renderDocsPage(loaded.contract, { exports: loaded.exports }));
      await warnApproximations(loaded.contract, loaded.exports, context);
      context.out(`wrote ${file} (${loaded.contract.name} ${loaded.contract.version})`);
    });
}
