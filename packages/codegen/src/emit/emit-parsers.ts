import type { Contract } from "@socket-contract/contract";
import { type ParserSource, contractSchemas, parserSources } from "@socket-contract/contract/internal";
import type { GeneratedSource } from "./generated-file.js";
import { writeDocs } from "./type-writer.js";

/** Where the generated wrappers find the parsers, from the out dir's root. */
export const PARSERS_FILE = "parsers.ts";

/** Where generated code imports what it registers from: the contract package's public entry. */
const CONTRACT = "@socket-contract/contract";

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
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: CONTRACT, namedImports: ["ParserFactory"] });
  // Written directly: ts-morph would print the initializer with a hanging indent.
  file.addStatement((writer) => {
    writeDocs(
      writer,
      "The contract's parsers, compiled ahead of time by Zod's compiler. Registered by the generated `bind...` functions; pass them to `registerParsers` from `@socket-contract/contract` when binding otherwise.",
    );
    writer.write("export const parsers: Readonly<Record<string, ParserFactory>> = {").newLine();
    writer.indent(() => {
      for (const source of sources) {
        writer
          .quote(source.key)
          .write(`: function(${source.params.join(", ")}) {`)
          .newLine();
        writer.indent(() => {
          for (const line of indentedLines(source.body)) writer.write(line).newLine();
        });
        writer.write("},").newLine();
      }
    });
    writer.write("};");
  });
  // First in the file, where TypeScript reads it: Zod writes untyped JavaScript, checked by its fingerprint instead.
  file.prependLine(
    "// @ts-nocheck: Zod's compiler writes these parsers as JavaScript; each is used only for the exact code it was built from.",
  );
}

/**
 * Zod's compiler writes a parser's body one statement or brace per line, without indentation: a
 * line is indented by the braces opened before it (outside string literals), and one starting
 * with `}` closes a level first. This is what TypeScript's formatter did to these bodies, at a
 * fraction of its cost.
 */
export function indentedLines(body: string): string[] {
  let depth = 0;
  return body
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const { opened, closed } = braces(line);
      const at = Math.max(0, line.startsWith("}") ? depth - 1 : depth);
      depth = Math.max(0, depth + opened - closed);
      return `${"  ".repeat(at)}${line}`;
    });
}

function braces(line: string): { opened: number; closed: number } {
  let opened = 0;
  let closed = 0;
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote !== undefined) {
      if (char === "\\") index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "{") opened++;
    else if (char === "}") closed++;
  }
  return { opened, closed };
}

/**
 * The imports and the statement a generated `bind...` function needs to register, first, the
 * parsers and the contract's fingerprint (so the runtime neither compiles code nor reads the
 * schemas to compute what the generator already knows). `contract` is the contract's local name.
 */
export function parsersRegistration(
  fromFile: string,
  contract: string,
): { imports: { moduleSpecifier: string; namedImports: string[] }[]; statement: string } {
  const depth = fromFile.split("/").length - 1;
  const root = depth === 0 ? "./" : "../".repeat(depth);
  return {
    imports: [
      { moduleSpecifier: CONTRACT, namedImports: ["registerFingerprint", "registerParsers"] },
      { moduleSpecifier: `${root}fingerprint.js`, namedImports: ["contractFingerprint"] },
      { moduleSpecifier: `${root}${PARSERS_FILE.replace(/\.ts$/, ".js")}`, namedImports: ["parsers"] },
    ],
    statement: `registerParsers(parsers);\nregisterFingerprint(${contract}, contractFingerprint);`,
  };
}
