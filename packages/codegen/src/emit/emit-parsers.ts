import type { Contract } from "@socket-contract/contract";
import { type ParserSource, contractSchemas, parserSources } from "@socket-contract/contract/protocol";
import { VariableDeclarationKind } from "ts-morph";
import type { GeneratedSource } from "./generated-file.js";
import { docText } from "./type-writer.js";

/** Where the generated wrappers find the parsers, from the out dir's root. */
export const PARSERS_FILE = "parsers.ts";

const PROTOCOL = "@socket-contract/contract/protocol";

/**
 * Zod's compiled parser for every schema of the contract, as Zod's compiler writes them today. For
 * `emitParsers`; the same contract and Zod version give the same sources, sorted by key.
 *
 * @example
 * const sources = contractParsers(contract);
 */
export function contractParsers(contract: Contract): ParserSource[] {
  return parserSources(contractSchemas(contract));
}

/**
 * `parsers.ts`: the contract's parsers compiled ahead of time, keyed by the fingerprint of the code
 * they were built from. The generated `bind...` functions register them, so validation runs at
 * compiled speed where `new Function` is forbidden (a page with a strict Content-Security-Policy,
 * an edge runtime) without evaluating any code; a schema whose code has changed since (a new Zod,
 * an edited contract) falls back to compiling as usual.
 *
 * @example
 * emitParsers(files.create("parsers.ts"), contractParsers(contract));
 */
export function emitParsers(file: GeneratedSource, sources: readonly ParserSource[]): void {
  file.format = true;
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: PROTOCOL, namedImports: ["ParserFactory"] });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [docText("The contract's parsers, compiled ahead of time by Zod's compiler. Registered by the generated `bind...` functions; pass them to `registerParsers` from `@socket-contract/contract/protocol` when binding otherwise.")],
    declarations: [
      {
        name: "parsers",
        type: "Readonly<Record<string, ParserFactory>>",
        initializer: (writer) => {
          writer.write("{").newLine();
          writer.indent(() => {
            for (const source of sources) {
              writer.quote(source.key).write(`: function (${source.params.join(", ")}) {`).newLine();
              writer.write(source.body).newLine();
              writer.write("},").newLine();
            }
          });
          writer.write("}");
        },
      },
    ],
  });
  // First in the file, where TypeScript reads it: Zod writes untyped JavaScript, checked by its fingerprint instead.
  file.prependLine("// @ts-nocheck: Zod's compiler writes these parsers as JavaScript; each is used only for the exact code it was built from.");
}

/** The imports and the statement a generated `bind...` function needs to register the parsers first. */
export function parsersRegistration(fromFile: string): { imports: { moduleSpecifier: string; namedImports: string[] }[]; statement: string } {
  const depth = fromFile.split("/").length - 1;
  const specifier = `${depth === 0 ? "./" : "../".repeat(depth)}${PARSERS_FILE.replace(/\.ts$/, ".js")}`;
  return {
    imports: [
      { moduleSpecifier: PROTOCOL, namedImports: ["registerParsers"] },
      { moduleSpecifier: specifier, namedImports: ["parsers"] },
    ],
    statement: "registerParsers(parsers);",
  };
}
