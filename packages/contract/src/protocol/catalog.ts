import type { ContractIssue } from "../contract-error.js";
import { isZodSchema } from "../schema-kind.js";
import { streamOfInfo } from "../stream-of.js";
import type { AnySchema, EventDefinition, EventMap } from "../types.js";
import { DEFAULT_MAX_DEPTH, mayNestWithoutBound } from "./depth.js";
import { type FastPath, INVALID, fastPathOf } from "./fast-path.js";
import { parseFast, parseValue } from "./parse-value.js";
import { schemaCompiler } from "./schema-compiler.js";
import { standardSupport } from "./standard-support.js";

export { NO_PREFIX, parseFast, parseValue } from "./parse-value.js";

/** One event, ready for the wire: schemas prepared once, looked up by name in O(1). */
export interface CompiledEvent {
  readonly name: string;
  /** Its place in its catalog (0, 1, ...): where a connection keeps the event's handlers. */
  readonly index: number;
  readonly args: readonly AnySchema[];
  readonly ack: AnySchema | undefined;
  readonly errors: ReadonlyMap<string, AnySchema> | undefined;
  /** How the event streams, when it does: it is then requested with `stream()`, never emitted. */
  readonly stream: StreamShape | undefined;
  /** How deep arguments, acks and error data may nest where their schema is recursive (see `depth.ts`). */
  readonly maxDepth: number;
  /** Per argument, whether its schema may nest without bound (`mayNestWithoutBound`), settled at compile time. */
  readonly argsNest: readonly boolean[];
  /** The same for the ack schema. */
  readonly ackNests: boolean;
  /** Per argument, the compiled parser and validator of its schema (`fastPathOf`), called directly; `undefined` where it has none. */
  readonly argsFast: readonly (FastPath | undefined)[];
  /** The same for the ack schema. */
  readonly ackFast: FastPath | undefined;
  /**
   * Per argument, whether its parsed value is what goes on the wire (`sendsParsedValue`), and the
   * same for the ack: read from the event at each send, filled at the first one (an event never
   * sent costs nothing), so a send looks up nothing per argument.
   */
  wire?: readonly boolean[];
  ackWire?: boolean;
}

/** How events are prepared: the depth limit of what they accept. */
export interface CompileOptions {
  /** Default `DEFAULT_MAX_DEPTH` (128); `Infinity` turns the limit off. */
  readonly maxDepth?: number;
}

/** How one event streams, prepared once with its catalog entry. */
export interface StreamShape {
  /** The schema of the items the responder sends (`stream`), or `undefined`. */
  readonly item: AnySchema | undefined;
  /** The items the requester sends (a `streamOf()` last argument), or `undefined`. */
  readonly upload:
    | { readonly item: AnySchema; readonly window: number | undefined; readonly maxItems: number | undefined }
    | undefined;
  /** The event as `contract:open` carries it: its arguments without the `streamOf()` one. */
  readonly open: CompiledEvent;
}

/** The events of one direction, keyed by wire name. A `Map`, so `__proto__` or `toString` are never found. */
export type EventCatalog = ReadonlyMap<string, CompiledEvent>;

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: ContractIssue[]; readonly cause?: unknown };

/**
 * The schema to parse with: Zod's compiled fast path where it can model the schema (it falls back
 * to the ordinary parser by itself), compiled at the schema's first parse rather than here, so
 * binding a contract compiles nothing, and shared by every event that uses it.
 * Where `new Function` is forbidden, parsers registered ahead of time (`registerParsers`) give the
 * same fast path; without them the schema keeps Zod's ordinary parser. Without a compiler installed
 * (`installCompiler`: a browser page without generated parsers) every schema keeps Zod's parser.
 */
export function prepareSchema<TSchema extends AnySchema>(schema: TSchema): TSchema {
  // Other libraries validate through `~standard.validate`, as they are. Where that support is not
  // in the bundle, binding fails here, saying how to enable it.
  if (!isZodSchema(schema)) {
    standardSupport();
    return schema;
  }
  const compiler = schemaCompiler();
  return compiler === undefined ? schema : (compiler(schema) as TSchema);
}

export function compileEvent(
  name: string,
  definition: EventDefinition,
  options: CompileOptions = {},
  index = 0,
): CompiledEvent {
  const errors =
    definition.errors === undefined
      ? undefined
      : new Map(Object.entries(definition.errors).map(([code, schema]) => [code, prepareSchema(schema)] as const));
  const args = definition.args.map(prepareSchema);
  const ack = definition.ack === undefined ? undefined : prepareSchema(definition.ack);
  // Which schemas are recursive is settled here, once, rather than on the first event.
  const argsNest = args.map(mayNestWithoutBound);
  const ackNests = ack !== undefined && mayNestWithoutBound(ack);
  if (errors !== undefined) for (const schema of errors.values()) mayNestWithoutBound(schema);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const argsFast = args.map(fastPathOf);
  const ackFast = ack === undefined ? undefined : fastPathOf(ack);
  const compiled = {
    name,
    index,
    args,
    ack,
    errors,
    maxDepth,
    argsNest,
    ackNests,
    argsFast,
    ackFast,
    stream: undefined,
  };
  return { ...compiled, stream: streamShapeOf(definition, compiled) };
}

function streamShapeOf(definition: EventDefinition, compiled: CompiledEvent): StreamShape | undefined {
  const info = streamOfInfo(definition.args[definition.args.length - 1]);
  if (definition.stream === undefined && info === undefined) return undefined;
  return {
    item: definition.stream === undefined ? undefined : prepareSchema(definition.stream),
    upload:
      info === undefined ? undefined : { item: prepareSchema(info.item), window: info.window, maxItems: info.maxItems },
    open:
      info === undefined
        ? compiled
        : {
            ...compiled,
            args: compiled.args.slice(0, -1),
            argsNest: compiled.argsNest.slice(0, -1),
            argsFast: compiled.argsFast.slice(0, -1),
          },
  };
}

/** Prepares every event of one direction. */
export function compileEvents(events: EventMap | undefined, options: CompileOptions = {}): EventCatalog {
  const catalog = new Map<string, CompiledEvent>();
  if (events !== undefined)
    for (const name of Object.keys(events)) catalog.set(name, compileEvent(name, events[name]!, options, catalog.size));
  return catalog;
}

/** Issue-path prefixes of the first arguments, made once: a valid event allocates none. Read-only. */
const ARGUMENT_PREFIXES: readonly (readonly number[])[] = Array.from({ length: 16 }, (_, index) =>
  Object.freeze([index]),
);

/**
 * Parses an event's arguments: arity is strict, and each argument is parsed by its schema, with
 * issue paths starting at its index. A top-level `null` is retried as `undefined`, since JSON turns
 * an omitted optional argument (`emit("e", undefined)`) into `null` on the way. A valid event
 * allocates its array of values and its result, nothing else.
 */
export function parseArgs(event: CompiledEvent, args: readonly unknown[]): Parsed<unknown[]> {
  const expected = event.args.length;
  if (args.length !== expected) return wrongArity(expected, args.length);
  const values = new Array<unknown>(expected);
  for (let index = 0; index < expected; index++) {
    const out = parseFast(event.argsFast[index], args[index], event.argsNest[index]!, event.maxDepth, false);
    if (out === INVALID) return parseArgsFrom(event, args, values, index);
    values[index] = out;
  }
  return { ok: true, value: values };
}

/** `parseArgs` from argument `from` on, whose compiled parser refused it: every issue of every argument left. */
function parseArgsFrom(
  event: CompiledEvent,
  args: readonly unknown[],
  values: unknown[],
  from: number,
): Parsed<unknown[]> {
  let issues: ContractIssue[] | undefined;
  let cause: unknown;
  for (let index = from; index < args.length; index++) {
    const parsed = parseArg(event, index, args[index], index === from);
    if (parsed.ok) values[index] = parsed.value;
    else {
      issues = issues === undefined ? parsed.issues : issues.concat(parsed.issues);
      cause ??= parsed.cause;
    }
  }
  return issues === undefined ? { ok: true, value: values } : { ok: false, issues, cause };
}

/** The refusal of an event with too many or too few arguments. */
export function wrongArity(expected: number, received: number): Parsed<never> {
  const path = received > expected ? [expected] : [received];
  const message = `Expected ${expected} argument${expected === 1 ? "" : "s"}, received ${received}`;
  return {
    ok: false,
    issues: [{ path, code: received > expected ? "too_many_arguments" : "missing_argument", message }],
  };
}

/**
 * Parses argument `index` of an event (see `parseArgs`), `null` retried as `undefined`. Where
 * `parseFast` has already refused it (`fastTried`), Zod's ordinary parser alone finds the issues.
 */
export function parseArg(event: CompiledEvent, index: number, value: unknown, fastTried = false): Parsed<unknown> {
  const fast = event.argsFast[index];
  const schema = fastTried && fast !== undefined ? fast.source : event.args[index]!;
  const path = fastTried ? null : (fast ?? null);
  const prefix = ARGUMENT_PREFIXES[index] ?? [index];
  const nests = event.argsNest[index];
  const parsed = parseValue(schema, value, prefix, event.maxDepth, nests, path);
  if (parsed.ok || value !== null) return parsed;
  const retried = parseValue(schema, undefined, prefix, event.maxDepth, nests, path);
  return retried.ok ? retried : parsed;
}
