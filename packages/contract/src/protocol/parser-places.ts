import * as core from "zod/v4/core";
import { isZodSchema } from "../schema-kind.js";
import { streamOfInfo } from "../stream-of.js";
import type { AnySchema, ContractDefinition, EventDefinition, EventMap } from "../types.js";
import { type ParserHelpers, ZOD_VERSION } from "./placed-parsers.js";
import { type ParserFactory, parserKey, withCodeHook } from "./precompiled.js";
import { sendsParsedValue } from "./wire-form.js";

/** One compiled function for the schema at a place: its factory's key, and how to gather its constants. */
export interface PlacedParserSource {
  /** The factory's key, as `parserSources` lists it. */
  readonly key: string;
  /**
   * The constants the factory takes after `INVALID`, each an expression of `s` (the schema at the
   * place), of `h` (`ParserHelpers`) and of what `imports` names; empty where it takes none.
   */
  readonly constants: readonly string[];
}

/** What a side runs for the schema at one place (see `PlacedEvent`). */
export interface ParserPlace {
  readonly key: string;
  readonly parse: PlacedParserSource;
  /** The assert-only validator, where the side sends the value as given (the schema transforms). */
  readonly validate?: PlacedParserSource;
}

/** The places of a side's parsers, sorted, for a code generator to write as `PlacedParsers`. */
export interface ParserPlaces {
  /** The version of Zod whose compiler wrote the parsers. */
  readonly zod: string;
  /** What the constants' expressions name from `zod/v4/core`, sorted. */
  readonly imports: readonly string[];
  readonly namespaces: readonly {
    readonly path: string;
    readonly directions: readonly {
      readonly direction: "clientToServer" | "serverToClient";
      readonly events: readonly { readonly name: string; readonly places: readonly ParserPlace[] }[];
    }[];
  }[];
}

const NativeFunction = Function;

/** Zod's helpers that `attachParsers` hands generated code as `h` (see `ParserHelpers`), as Zod exports them. */
const ZOD_HELPERS: ParserHelpers = { codePointLength: core.util.codePointLength };

/**
 * Where a client runs Zod's compiled parsers, and how each one's constants are found from its
 * schema: the arguments it sends and the acks it answers with, the arguments, acks and stream items
 * it receives (error data, checked only when a call fails, keeps Zod's parser). A schema Zod cannot compile, or whose parser closes over something
 * the schema cannot give back (a helper inside Zod's compiler), has no place: it keeps Zod's parser.
 * For code generators, at build time.
 *
 * @example
 * const places = clientParserPlaces(contract);
 */
export function clientParserPlaces(contract: ContractDefinition): ParserPlaces {
  const imports = new Set<string>();
  const namespaces = Object.keys(contract.namespaces)
    .sort()
    .map((path) => {
      const namespace = contract.namespaces[path as `/${string}`]!;
      const directions = (["clientToServer", "serverToClient"] as const)
        .map((direction) => ({ direction, events: eventPlaces(namespace[direction], direction, imports) }))
        .filter((entry) => entry.events.length > 0);
      return { path, directions };
    })
    .filter((entry) => entry.directions.length > 0);
  return {
    zod: ZOD_VERSION,
    imports: [...imports].sort(),
    namespaces,
  };
}

function eventPlaces(
  events: EventMap | undefined,
  direction: "clientToServer" | "serverToClient",
  imports: Set<string>,
): { name: string; places: ParserPlace[] }[] {
  if (events === undefined) return [];
  const out: { name: string; places: ParserPlace[] }[] = [];
  for (const name of Object.keys(events).sort()) {
    const places: ParserPlace[] = [];
    for (const { key, schema, sends } of clientSchemas(events[name]!, direction === "clientToServer")) {
      const place = placeOf(key, schema, sends, imports);
      if (place !== undefined) places.push(place);
    }
    if (places.length > 0) out.push({ name, places });
  }
  return out;
}

/**
 * The schemas a client checks in one event, by place. `sends` where it checks a value before
 * sending it with the event's arguments or its ack (the places the validator may serve).
 */
function clientSchemas(
  event: EventDefinition,
  outgoing: boolean,
): { key: string; schema: AnySchema; sends: boolean }[] {
  const found: { key: string; schema: AnySchema; sends: boolean }[] = [];
  event.args.forEach((schema, index) => {
    const upload = streamOfInfo(schema);
    if (upload === undefined) found.push({ key: String(index), schema, sends: outgoing });
    else found.push({ key: "upload", schema: upload.item, sends: false });
  });
  // A requester's stream ends with its ack through the stream's own check, which parses.
  if (event.ack !== undefined)
    found.push({ key: "ack", schema: event.ack, sends: !outgoing && event.stream === undefined });
  if (event.stream !== undefined) found.push({ key: "stream", schema: event.stream, sends: false });
  // Error data is checked only when a call fails: Zod's own parser serves it, and a page does not carry its parsers.
  return found;
}

function placeOf(key: string, schema: AnySchema, sends: boolean, imports: Set<string>): ParserPlace | undefined {
  if (!isZodSchema(schema)) return undefined;
  const parse = placedSource(schema, false, imports);
  if (parse === undefined) return undefined;
  if (!sends || sendsParsedValue(schema)) return { key, parse };
  const validate = placedSource(schema, true, imports);
  return validate === undefined ? { key, parse } : { key, parse, validate };
}

/** The compiled function Zod builds for `schema`, with a recipe for each constant, or `undefined`. */
function placedSource(schema: AnySchema, assertOnly: boolean, imports: Set<string>): PlacedParserSource | undefined {
  let built: { key: string; values: unknown[] } | undefined;
  try {
    withCodeHook(
      (params, body) => {
        const factory = Reflect.construct(NativeFunction, [...params, body]) as ParserFactory;
        const key = parserKey(params, body);
        return ((...values: never[]) => {
          built = { key, values: values.slice(1) };
          return factory(...values);
        }) as ParserFactory;
      },
      () => core.compileFn(schema as core.$ZodType, assertOnly ? { assertOnly: true } : undefined),
    );
  } catch {
    return undefined;
  }
  if (built === undefined) return undefined;
  const constants: string[] = [];
  const named = new Set<string>();
  for (const value of built.values) {
    const recipe = recipeOf(value, schema);
    if (recipe === undefined) return undefined;
    constants.push(recipe.expression);
    if (recipe.imports !== undefined) named.add(recipe.imports);
  }
  if (!gathersTheSame(constants, [...named], schema, built.values)) return undefined;
  for (const name of named) imports.add(name);
  return { key: built.key, constants };
}

/** An expression that gives back `value` from the schema `s`, a helper, Zod's named exports, or as a literal. */
function recipeOf(value: unknown, schema: AnySchema): { expression: string; imports?: string } | undefined {
  const path = pathTo(value, schema);
  if (path !== undefined) return { expression: path };
  if (typeof value === "function" || (typeof value === "object" && value !== null)) {
    for (const [name, helper] of Object.entries(ZOD_HELPERS)) if (helper === value) return { expression: `h.${name}` };
    // Zod's namespaces (`util`, `regexes`) are left out: a bundler would carry one whole for a single member.
    for (const [name, exported] of Object.entries(core))
      if (exported === value && typeof exported === "function") return { expression: name, imports: name };
  }
  if (value instanceof Set && [...value].every((item) => literal(item) !== undefined))
    return { expression: `new Set([${[...value].map(literal).join(", ")}])` };
  return undefined;
}

/**
 * The shortest property path from the schema `s` to `value`, through each schema's (and check's)
 * `_zod.def` and plain objects and arrays below it. Bounded: a schema of many thousand nodes is
 * searched in part.
 */
function pathTo(value: unknown, schema: AnySchema): string | undefined {
  const queue: [unknown, string][] = [[schema, "s"]];
  const seen = new Set<unknown>();
  for (let at = 0; at < queue.length && at < 20_000; at++) {
    const [node, expression] = queue[at]!;
    if (node === value) return expression;
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const zod = (node as { _zod?: { def?: unknown } })._zod;
    if (typeof zod === "object" && zod !== null && typeof zod.def === "object") {
      queue.push([zod.def, `${expression}._zod.def`]);
      continue;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => queue.push([item, `${expression}[${index}]`]));
      continue;
    }
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) continue;
    for (const key of Object.keys(node)) {
      try {
        queue.push([(node as Record<string, unknown>)[key], `${expression}${member(key)}`]);
      } catch {
        // A getter that throws (a `pick` of an unknown key) leads nowhere.
      }
    }
  }
  return undefined;
}

function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function literal(value: unknown): string | undefined {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "boolean" || value === null || value === undefined) return String(value);
  return undefined;
}

/** Whether the recipes, run as the generated code will run them, give back the same constants. */
function gathersTheSame(constants: string[], named: string[], schema: AnySchema, values: unknown[]): boolean {
  try {
    const gather = Reflect.construct(NativeFunction, ["s", "h", ...named, `return [${constants.join(", ")}];`]) as (
      ...args: unknown[]
    ) => unknown[];
    const again = gather(schema, ZOD_HELPERS, ...named.map((name) => (core as Record<string, unknown>)[name]));
    return values.every((value, index) => sameConstant(value, again[index]));
  } catch {
    return false;
  }
}

function sameConstant(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return a instanceof Set && b instanceof Set && a.size === b.size && [...a].every((item) => b.has(item));
}
