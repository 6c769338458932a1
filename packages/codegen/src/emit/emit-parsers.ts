import type { Contract } from "@socket-contract/contract";
import {
  type ParserPlaces,
  type ParserSource,
  type PlacedParserSource,
  clientParserPlaces,
  contractSchemas,
  parserSources,
} from "@socket-contract/contract/internal";
import type { CodeBlockWriter } from "ts-morph";
import type { GeneratedSource } from "./generated-file.js";
import { writeDocs } from "./type-writer.js";

/** Where the generated wrappers find the parsers, from the out dir's root. */
export const PARSERS_FILE = "parsers.ts";

/** Where generated code imports what it registers from: the contract package's public entry. */
const CONTRACT = "@socket-contract/contract";

/** What `parsers.ts` holds: every compiled parser of the contract, and where a client runs which. */
export interface ContractParsers {
  readonly sources: readonly ParserSource[];
  /** The client's parsers by the place of their schema; none written where absent. */
  readonly client?: ParserPlaces;
}

/**
 * Zod's compiled parser for every schema of the contract, as Zod's compiler writes them today, and
 * the places of those a client runs. For `emitParsers`; the same contract and Zod version give the
 * same sources, sorted by key.
 *
 * @example
 * const parsers = contractParsers(contract);
 */
export function contractParsers(contract: Contract): ContractParsers {
  return { sources: parserSources(contractSchemas(contract)), client: clientParserPlaces(contract) };
}

/**
 * `parsers.ts`: the contract's parsers compiled ahead of time, each a factory declared once. The
 * server's bind function registers them all (`parsers`, keyed by the fingerprint of the code they
 * were built from), so validation runs at compiled speed where `new Function` is forbidden (a page
 * with a strict Content-Security-Policy, an edge runtime) without evaluating any code; a schema
 * whose code has changed since (a new Zod, an edited contract) falls back to compiling as usual.
 * The client's bind function attaches to the contract's schemas only the ones a client runs
 * (`clientParsers`), so a page carries neither the server's half nor Zod's compiler.
 *
 * @example
 * emitParsers(files.create("parsers.ts"), contractParsers(contract));
 */
export function emitParsers(file: GeneratedSource, parsers: ContractParsers): void {
  const { sources, client } = parsers;
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: CONTRACT,
    namedImports: ["ParserFactory", ...(client === undefined ? [] : ["PlacedParsers"])],
  });
  if (client !== undefined && client.imports.length > 0)
    file.addImportDeclaration({ moduleSpecifier: "zod/v4/core", namedImports: [...client.imports] });
  const names = new Map(sources.map((source, index) => [source.key, `p${index}`]));
  // Written directly: ts-morph would print the initializers with a hanging indent.
  file.addStatement((writer) => {
    for (const source of sources) {
      writer.write(`const ${names.get(source.key)} = function(${source.params.join(", ")}) {`).newLine();
      writer.indent(() => {
        for (const line of indentedLines(source.body)) writer.write(line).newLine();
      });
      writer.write("};").newLine();
    }
    if (sources.length > 0) writer.blankLine();
    writeDocs(
      writer,
      "The contract's parsers, compiled ahead of time by Zod's compiler. Registered by the generated server's `bind...` function; pass them to `registerParsers` from `@socket-contract/contract` when binding otherwise.",
    );
    writer.write("export const parsers: Readonly<Record<string, ParserFactory>> = {").newLine();
    writer.indent(() => {
      for (const source of sources)
        writer
          .quote(source.key)
          .write(`: ${names.get(source.key)},`)
          .newLine();
    });
    writer.write("};");
    if (client !== undefined) {
      writer.blankLine();
      writeClientParsers(writer, client, names);
    }
  });
  // First in the file, where TypeScript reads it: Zod writes untyped JavaScript, checked by its fingerprint instead.
  file.prependLine(
    "// @ts-nocheck: Zod's compiler writes these parsers as JavaScript; each is used only for the exact code it was built from.",
  );
}

/** `clientParsers`: per namespace, direction and event, the makers of what a client runs at each place. */
function writeClientParsers(writer: CodeBlockWriter, client: ParserPlaces, names: ReadonlyMap<string, string>): void {
  writeDocs(
    writer,
    "The parsers a client runs, by the place of the schema each was compiled from (arguments it sends, what it receives). Attached by the generated client's `bind...` function; pass them to `attachParsers` from `@socket-contract/contract` when binding otherwise.",
  );
  const maker = (source: PlacedParserSource): string | undefined => {
    const name = names.get(source.key);
    if (name === undefined || source.constants.length === 0) return name;
    return `(I, s, h) => ${name}(I, ${source.constants.join(", ")})`;
  };
  writer.write("export const clientParsers: PlacedParsers = {").newLine();
  writer.indent(() => {
    writer.write(`zod: ${JSON.stringify(client.zod)},`).newLine();
    writer.write("namespaces: {").newLine();
    writer.indent(() => {
      for (const namespace of client.namespaces) {
        writer.write(`${propertyName(namespace.path)}: {`).newLine();
        writer.indent(() => {
          for (const { direction, events } of namespace.directions) {
            writer.write(`${direction}: {`).newLine();
            writer.indent(() => {
              for (const event of events) {
                writer.write(`${propertyName(event.name)}: {`).newLine();
                writer.indent(() => {
                  for (const place of event.places) {
                    const parse = maker(place.parse);
                    if (parse === undefined) continue;
                    const validate = place.validate === undefined ? undefined : maker(place.validate);
                    const pair = validate === undefined ? parse : `${parse}, ${validate}`;
                    writer.write(`${propertyName(place.key)}: [${pair}],`).newLine();
                  }
                });
                writer.write("},").newLine();
              }
            });
            writer.write("},").newLine();
          }
        });
        writer.write("},").newLine();
      }
    });
    writer.write("},").newLine();
  });
  writer.write("};");
}

/** A key as an object literal writes it: bare where it can be, quoted otherwise. */
function propertyName(key: string): string {
  return /^(?:0|[1-9]\d*|[A-Za-z_$][\w$]*)$/.test(key) ? key : JSON.stringify(key);
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
 * The imports and the statement a generated `bind...` function needs first: the parsers (the
 * server registers them all; a client attaches its own to the contract's schemas) and the
 * contract's fingerprint, so the runtime neither compiles code nor reads the schemas to compute
 * what the generator already knows. `contract` is the contract's local name.
 */
export function parsersRegistration(
  fromFile: string,
  contract: string,
  side: "client" | "server",
): { imports: { moduleSpecifier: string; namedImports: string[] }[]; statement: string } {
  const depth = fromFile.split("/").length - 1;
  const root = depth === 0 ? "./" : "../".repeat(depth);
  const client = side === "client";
  return {
    imports: [
      {
        moduleSpecifier: CONTRACT,
        namedImports: client ? ["attachParsers", "registerFingerprint"] : ["registerFingerprint", "registerParsers"],
      },
      { moduleSpecifier: `${root}fingerprint.js`, namedImports: ["contractFingerprint"] },
      {
        moduleSpecifier: `${root}${PARSERS_FILE.replace(/\.ts$/, ".js")}`,
        namedImports: [client ? "clientParsers" : "parsers"],
      },
    ],
    statement: `${client ? `attachParsers(${contract}, clientParsers);` : "registerParsers(parsers);"}\nregisterFingerprint(${contract}, contractFingerprint);`,
  };
}
