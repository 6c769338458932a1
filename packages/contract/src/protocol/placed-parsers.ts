import { version } from "zod/v4/core";
import { isZodSchema } from "../schema-kind.js";
import { streamOfInfo } from "../stream-of.js";
import type { AnySchema, ContractDefinition, EventDefinition } from "../types.js";
import { type CompiledFn, INVALID, fastPathOf, keepFastPath } from "./fast-path.js";

/**
 * Makes one compiled function for the schema at its place: a factory exactly as Zod's compiler
 * wrote it (it takes `INVALID` alone), or one that gathers the constants the factory closes over
 * from the schema itself. Generated code holds these; nothing is evaluated.
 */
export type ParserMaker = (invalid: symbol, schema: never, helpers: ParserHelpers) => CompiledFn;

/**
 * Zod's own helpers that its compiled parsers call, as generated code reaches them (`h.name`):
 * `zod/v4/core` offers them only inside its `util` namespace, which a bundler then carries whole.
 * Each does what Zod's does (a test holds them equal); parsers are attached only under the Zod
 * version that wrote them.
 */
export interface ParserHelpers {
  /** `util.codePointLength`: a string's length in code points, as Zod's length checks count it. */
  readonly codePointLength: (text: string) => number;
}

export const PARSER_HELPERS: ParserHelpers = {
  codePointLength(text) {
    let count = text.length;
    for (let index = 0; index < text.length - 1; index++) {
      if ((text.charCodeAt(index) & 0xfc00) === 0xd800 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
        count--;
        index++;
      }
    }
    return count;
  },
};

/**
 * The schemas of one event a side checks, by place: an argument's index, `ack`, `stream` (its
 * items), `upload` (the items of its `streamOf()` argument) or an error code. Each holds
 * `[parse, validate?]`: Zod's compiled parser, and its assert-only validator where the side sends
 * a value as given (a schema with a transform).
 */
export type PlacedEvent = Readonly<Record<string, readonly [ParserMaker, ParserMaker?]>>;

/** Compiled functions placed on a contract's schemas, as `socket-contract generate` writes them per side. */
export interface PlacedParsers {
  /** The Zod version whose compiler wrote them: they are attached under that version only. */
  readonly zod: string;
  readonly namespaces: Readonly<
    Record<
      string,
      Readonly<Partial<Record<"clientToServer" | "serverToClient", Readonly<Record<string, PlacedEvent>>>>>
    >
  >;
}

/** The version of Zod loaded here, as `PlacedParsers.zod` records the one whose compiler wrote them. */
export const ZOD_VERSION = `${version.major}.${version.minor}.${version.patch}`;

const attached = new WeakSet<object>();
const refuse: CompiledFn = () => INVALID;

/**
 * Gives each schema of the contract its compiled parser, written ahead of time by the generator
 * (`clientParsers` in the generated `parsers.ts`), so a page validates at compiled speed with
 * neither Zod's compiler in its bundle nor `new Function` at run time. Under another Zod version
 * than the generator's, or for a schema not shaped as when generated, it does nothing: Zod's own
 * parser (or the compiler, where one is installed) validates as before. The generated client's
 * bind function calls it.
 *
 * @example
 * attachParsers(contract, clientParsers);
 */
export function attachParsers(contract: ContractDefinition, placed: PlacedParsers): void {
  if (attached.has(placed) || placed.zod !== ZOD_VERSION) return;
  attached.add(placed);
  const made = new Map<AnySchema, [CompiledFn | undefined, CompiledFn | undefined]>();
  for (const path of Object.keys(placed.namespaces)) {
    const namespace = contract.namespaces[path as `/${string}`];
    for (const [direction, events] of Object.entries(placed.namespaces[path]!)) {
      const defined = namespace?.[direction as "clientToServer"];
      for (const name of Object.keys(events ?? {})) {
        const event = defined !== undefined && Object.hasOwn(defined, name) ? defined[name] : undefined;
        const places = events![name]!;
        for (const key of Object.keys(places)) {
          const schema = event === undefined ? undefined : schemaAt(event, key);
          if (!isZodSchema(schema)) continue;
          const [parse, validate] = places[key]!;
          const pair = made.get(schema) ?? [undefined, undefined];
          try {
            pair[0] ??= parse(INVALID, schema as never, PARSER_HELPERS);
            if (validate !== undefined) pair[1] ??= validate(INVALID, schema as never, PARSER_HELPERS);
            made.set(schema, pair);
          } catch {
            // The schema is not shaped as it was when generated: it keeps Zod's parser.
          }
        }
      }
    }
  }
  for (const [schema, [parse, validate]] of made) {
    if (fastPathOf(schema) !== undefined) continue;
    keepFastPath(schema, { parse: parse ?? refuse, validate: validate ?? parse ?? refuse, source: schema });
  }
}

function schemaAt(event: EventDefinition, key: string): AnySchema | undefined {
  if (key === "ack") return event.ack;
  if (key === "stream") return event.stream;
  if (key === "upload") return streamOfInfo(event.args[event.args.length - 1])?.item;
  return /^\d+$/.test(key) ? event.args[Number(key)] : event.errors?.[key];
}
