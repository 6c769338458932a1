import { compileFn, globalConfig } from "zod/v4/core";
import { isZodSchema } from "../schema-kind.js";
import type { AnySchema, ZodSchema } from "../types.js";
import { type CompiledFn, type FastPath, INVALID, fastPathOf, keepFastPath } from "./fast-path.js";
import { packArrays } from "./packed-arrays.js";
import { installCompiler } from "./schema-compiler.js";

/**
 * A parser factory exactly as Zod's compiler writes it: called with Zod's constants (`INVALID`
 * first, then `c0`, `c1`, ...), it returns the parser. Generated code holds these as real
 * functions, so installing one needs no `new Function`.
 */
export type ParserFactory = (...constants: never[]) => (input: unknown) => unknown;

/** The source of one parser factory, for a code generator to write out. */
export interface ParserSource {
  /** What `registerParsers` files the factory under: a fingerprint of the exact code. */
  readonly key: string;
  /** The factory's parameters: `INVALID`, then Zod's constants. */
  readonly params: readonly string[];
  /** The factory's body, as Zod generated it (`return (input) => { ... }`). */
  readonly body: string;
}

const NativeFunction = Function;
let registry = new Map<string, ParserFactory>();
const registered = new WeakSet<object>();
/** Set once the platform refused `new Function` (a Content-Security-Policy): not asked again. */
let evalRefused = false;
/** Counts the records registered: a schema refused before the last one may compile now. */
let generation = 0;

/**
 * Installs parsers compiled ahead of time, as `socket-contract generate` emits them. Zod's
 * `compile` then finds each schema's parser here instead of evaluating code, so validation runs at
 * compiled speed where `new Function` is forbidden (a page with a strict Content-Security-Policy).
 * A parser is used only for a schema whose generated code is exactly the code it was built from:
 * a changed schema or another Zod version falls back to compiling, or to Zod's ordinary parser.
 * Registering parsers installs Zod's compiler (`compileSchema`), in a browser too.
 *
 * @example
 * registerParsers({ "1c-5f0e2a9b41d7c3e8": function (INVALID) { return (input) => (typeof input === "string" ? input : INVALID); } });
 */
export function registerParsers(parsers: Readonly<Record<string, ParserFactory>>): void {
  // Generated bind functions register on every call: the same record again changes nothing.
  if (registered.has(parsers)) return;
  registered.add(parsers);
  const next = new Map(registry);
  for (const key of Object.keys(parsers)) next.set(key, parsers[key]!);
  registry = next;
  generation++;
  installCompiler(compileSchema);
}

/**
 * Gives a Zod schema compiled functions (`fastPathOf`), each made at its first use: the parser at
 * the first parse, the assert-only validator of outgoing checks at the first check. Zod's code for
 * each is looked up among the registered parsers first, else evaluated. Binding a contract then
 * costs no compilation, and what is never received or sent costs none at all (Zod's own
 * `zod/compile` also compiles at first parse). A schema Zod cannot compile, where code may not be
 * evaluated, answers `INVALID` from both functions, so every value goes to Zod's ordinary parser;
 * bound again after more parsers are registered, it is tried again. Gives the schema itself back,
 * and never throws.
 *
 * @example
 * installCompiler(compileSchema);
 */
export function compileSchema(schema: AnySchema): AnySchema {
  if (!isZodSchema(schema)) return schema;
  const path = fastPathOf(schema);
  if (path === undefined || (path instanceof LazyPath && path.refusedBefore(generation)))
    keepFastPath(schema, new LazyPath(schema));
  return schema;
}

/**
 * Whether a schema's values are parsed by a compiled function (registered or evaluated): its parser
 * is made now if it waits for its first parse. For tests and tools.
 *
 * @example
 * isCompiled(prepareSchema(schema)); // true where Zod can compile it and code may be evaluated
 */
export function isCompiled(schema: AnySchema): boolean {
  const path = fastPathOf(schema);
  return path !== undefined && (path instanceof LazyPath ? path.readyParse() : path.parse) !== refuse;
}

const refuse: CompiledFn = () => INVALID;

/** A fast path whose parser and validator are each compiled at their first call (see `compileSchema`). */
class LazyPath implements FastPath {
  parse: CompiledFn;
  validate: CompiledFn;
  readonly source: ZodSchema;
  #parseMade = false;
  #validateMade = false;
  /** The registrations there had been when it could not be compiled; `undefined` until then. */
  #refusedAt: number | undefined;

  constructor(schema: ZodSchema) {
    this.source = schema;
    this.parse = (input) => this.readyParse()(input);
    this.validate = (input) => this.readyValidate()(input);
  }

  /** The parser, compiled in place the first time. */
  readyParse(): CompiledFn {
    if (this.#parseMade) return this.parse;
    this.#parseMade = true;
    const made = compileFunction(this.source, false);
    if (made !== undefined) return (this.parse = made);
    // Zod cannot compile the schema: neither function exists.
    this.#refusedAt = generation;
    this.#validateMade = true;
    this.validate = refuse;
    return (this.parse = refuse);
  }

  /** The assert-only validator (the parser where Zod cannot make one), compiled in place the first time. */
  readyValidate(): CompiledFn {
    if (this.#validateMade) return this.validate;
    this.#validateMade = true;
    const made = compileFunction(this.source, true) ?? this.readyParse();
    return (this.validate = made);
  }

  /** Whether it could not be compiled with the parsers registered before the `count`th record. */
  refusedBefore(count: number): boolean {
    return this.#refusedAt !== undefined && this.#refusedAt < count;
  }
}

/**
 * A schema's parser (`assertOnly`: its assert-only validator) as Zod's compiler writes it, the code
 * looked up among the registered parsers first. `undefined` where Zod cannot compile it or the code
 * may not be evaluated.
 */
function compileFunction(schema: ZodSchema, assertOnly: boolean): CompiledFn | undefined {
  const forbidden = evalRefused || globalConfig.jitless === true;
  try {
    return withCodeHook(
      (params, body) => {
        const found = registry.get(parserKey(params, body));
        if (found !== undefined) return found;
        // Under `jitless`, or once the platform has refused, unregistered code is not evaluated:
        // Zod's compiler reports that it cannot help and the schema keeps Zod's own parser.
        if (forbidden || evalRefused) throw new EvalError("code generation is not allowed here");
        try {
          // Keyed by Zod's code, evaluated with its output arrays packed where the engine needs it.
          return Reflect.construct(NativeFunction, [...params, packArrays(body)]) as ParserFactory;
        } catch (error) {
          if (error instanceof EvalError) evalRefused = true;
          throw error;
        }
      },
      () => zodFunction(schema, assertOnly),
    );
  } catch {
    return undefined;
  }
}

/**
 * A schema's parser (`assertOnly`: its assert-only validator) from Zod's compiler: the two functions
 * `compile(schema)` builds, without the clone it wraps them in. The runtime and `parserSources` both
 * call it, so the code the generator writes is the code the runtime looks up. Throws where Zod cannot
 * compile it.
 */
function zodFunction(schema: ZodSchema, assertOnly: boolean): CompiledFn {
  return compileFn(schema, assertOnly ? { assertOnly } : undefined) as CompiledFn;
}

/**
 * The source of every parser Zod generates for these schemas (the parser, and the assert-only
 * validator used for outgoing checks), deduplicated and sorted by key. For code generators, at
 * build time, where `new Function` is allowed. Schemas of other libraries have no Zod parser and
 * are passed over.
 *
 * @example
 * const sources = parserSources([z.object({ room: z.string() })]);
 * // [{ key: "...", params: ["INVALID"], body: "return (input) => { ... }" }, ...]
 */
export function parserSources(schemas: Iterable<unknown>): ParserSource[] {
  const found = new Map<string, ParserSource>();
  for (const schema of schemas) {
    if (!isZodSchema(schema)) continue;
    try {
      withCodeHook(
        (params, body) => {
          const key = parserKey(params, body);
          if (!found.has(key)) found.set(key, { key, params, body });
          return Reflect.construct(NativeFunction, [...params, body]) as ParserFactory;
        },
        () => {
          zodFunction(schema, false);
          try {
            zodFunction(schema, true);
          } catch {
            // No assert-only variant: the runtime checks with the parser.
          }
        },
      );
    } catch {
      // Zod cannot compile this schema: the runtime parses it with Zod's ordinary parser.
    }
  }
  return [...found.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Runs `run` (calls of Zod's compiler) with `new Function` answered by `hook`. Zod's compiler
 * builds each parser with `new Function(...constantNames, code)` (zod/v4/core/compile.js,
 * `compileFn`), and offers no other way to supply a prebuilt one for a schema together with the
 * constants it closes over; the hook is that way. It is in place only for the duration of one
 * synchronous call, and any other use of `Function` during it goes to the real one.
 */
export function withCodeHook<T>(hook: (params: string[], body: string) => ParserFactory, run: () => T): T {
  const scope = globalThis as { Function: FunctionConstructor };
  // biome-ignore lint/complexity/useArrowFunction: it stands in for the Function constructor, so it must be constructible with `new`.
  const stand = function (...args: string[]): unknown {
    const body = args.length > 0 ? String(args[args.length - 1]) : "";
    const params = args.slice(0, -1).map(String);
    // Zod's parsers start with INVALID; anything else is not the compiler's and is served as usual.
    if (params[0] !== "INVALID") return Reflect.construct(NativeFunction, args);
    return hook(params, body);
  };
  stand.prototype = NativeFunction.prototype;
  scope.Function = stand as unknown as FunctionConstructor;
  try {
    return run();
  } finally {
    scope.Function = NativeFunction;
  }
}

/** A fingerprint of a factory's exact code: its length and two independent 32-bit hashes. */
export function parserKey(params: readonly string[], body: string): string {
  const text = `${params.join(",")}\n${body}`;
  let fnv = 0x811c9dc5;
  let murmur = 0x9747b28c;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    fnv = Math.imul(fnv ^ code, 0x01000193);
    murmur = Math.imul(murmur ^ code, 0x5bd1e995);
    murmur ^= murmur >>> 15;
  }
  const hex = (value: number): string => (value >>> 0).toString(16).padStart(8, "0");
  return `${text.length.toString(36)}-${hex(fnv)}${hex(murmur)}`;
}
