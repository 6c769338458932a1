import {
  type AnySchema as ContractSchema,
  binaryOptionsOf,
  isZodSchema,
  type ZodSchema as AnySchema,
} from "@socket-contract/contract";
import * as core from "zod/v4/core";
import { standardWireJson } from "./standard-json.js";

/** A JSON Schema object (draft-07, the dialect AsyncAPI 3.0 schemas extend). */
export type JsonSchema = { [key: string]: unknown };

/** Where converted schemas point their `$ref`s: the document's shared schemas. */
export const COMPONENTS_PREFIX = "#/components/schemas/";

/** The key that names the Zod type behind an approximated schema (`date`, `bigint`, `set`...). */
export const ZOD_TYPE_KEY = "x-zod-type";

/** Every JSON type: what an explicit "any value" lists. */
const ANY_JSON = ["string", "number", "boolean", "object", "array", "null"];

/** A place where JSON Schema could only approximate the contract's type; the CLI prints these. */
export interface ConversionWarning {
  readonly place: string;
  readonly kind: string;
  readonly message: string;
}

/**
 * Turns Zod schemas into the JSON Schema of what travels on the wire: the input side, since a
 * sender puts its raw arguments on the wire and the receiver parses them. Schemas the contract
 * module exports become shared, named schemas (`Message`), as do recursive ones; `binary()`
 * becomes `{ type: "string", format: "binary" }` with its limits. A type JSON Schema has no word
 * for (`z.date()`, `z.bigint()`, `z.set()`, `z.map()`, `z.custom()`...) gets the closest schema,
 * marked with `x-zod-type` and explained in its description, never an empty one; each such place
 * is listed by `warnings()`, since only a parser that keeps those types (msgpack) carries them.
 *
 * @example
 * const converter = new SchemaConverter(new Map([[Message, "Message"]]));
 * converter.convert(z.object({ message: Message }), "clientToServer.send.args[0]", "SendPayload");
 * // { type: "object", properties: { message: { $ref: "#/components/schemas/Message" } }, required: ["message"] }
 */
export class SchemaConverter {
  readonly #names: ReadonlyMap<unknown, string>;
  readonly #components = new Map<string, JsonSchema>();
  readonly #done = new Set<unknown>();
  readonly #warnings: ConversionWarning[] = [];

  constructor(names: ReadonlyMap<unknown, string> = new Map()) {
    this.#names = names;
  }

  /** The named schemas met so far, sorted by name. */
  components(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.#components.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The places where a type could only be approximated, in the order met. */
  warnings(): readonly ConversionWarning[] {
    return this.#warnings;
  }

  /** The wire JSON Schema of `schema`; `place` names it in warnings, `stem` names its recursive parts. */
  convert(contractSchema: ContractSchema, place: string, stem: string): JsonSchema {
    // A schema of another library may stand here too: #body reads it from its own JSON Schema.
    const schema = contractSchema as AnySchema;
    const name = this.#names.get(schema);
    if (name !== undefined) {
      this.#declare(schema, name, place);
      return { $ref: COMPONENTS_PREFIX + name };
    }
    return this.#body(schema, place, stem, undefined);
  }

  #declare(schema: AnySchema, name: string, place: string): void {
    if (this.#done.has(schema)) return;
    this.#done.add(schema);
    this.#components.set(name, this.#body(schema, place, name, name));
  }

  #body(schema: AnySchema, place: string, stem: string, selfName: string | undefined): JsonSchema {
    if (!isZodSchema(schema)) return this.#hoist(standardWireJson(schema, place), stem, selfName);
    const nested: [AnySchema, string][] = [];
    // binary()'s inner z.custom is "unrepresentable" too, until the override replaces it: its warning waits here.
    const pending = new Map<string, ConversionWarning>();
    const json = core.toJSONSchema(schema, {
      target: "draft-07",
      io: "input",
      unrepresentable: (context) => {
        const def = context.zodSchema._zod.def as { type: string; valueType?: AnySchema; keyType?: AnySchema };
        // An argument or ack that is `undefined` travels as JSON `null` (or not at all).
        if (def.type === "undefined" || def.type === "void") return { type: "null" };
        const at = `${place}${where(context.path)}`;
        const approximation = approximate(def, (child, suffix) =>
          this.convert(child, `${at}${suffix}`, `${stem}${pascal(suffix)}`),
        );
        pending.set(context.path.join("/"), { place: at, kind: def.type, message: `${at}: ${approximation.note}` });
        return { ...approximation.schema, [ZOD_TYPE_KEY]: def.type, description: approximation.note };
      },
      override: (context) => {
        const target = context.jsonSchema as JsonSchema;
        // z.looseObject: "any other key" reads better as `true` than as an empty (or any-value) schema.
        const extra = target.additionalProperties as JsonSchema | undefined;
        if (isEmpty(extra) || (extra?.[ZOD_TYPE_KEY] === "unknown" && extra.description === "Any JSON value."))
          target.additionalProperties = true;
        // z.unknown() and z.any() say "any JSON value" in so many words, never as an empty schema.
        const kind = context.zodSchema._zod.def.type;
        if ((kind === "unknown" || kind === "any") && Object.keys(target).every((key) => key === "description")) {
          Object.assign(target, {
            type: ANY_JSON,
            [ZOD_TYPE_KEY]: kind,
            description: target.description ?? "Any JSON value.",
          });
        }
        const binary = binaryOptionsOf(context.zodSchema);
        if (binary !== undefined) {
          pending.delete(context.path.join("/"));
          return replace(target, binarySchema(binary, userDescription(target)));
        }
        const name = this.#names.get(context.zodSchema);
        if (name !== undefined && context.zodSchema !== schema) {
          nested.push([context.zodSchema, name]);
          replace(target, { $ref: COMPONENTS_PREFIX + name });
        }
      },
    }) as JsonSchema;
    delete json.$schema;
    this.#warnings.push(...pending.values());
    const hoisted = this.#hoist(json, stem, selfName);
    for (const [child, name] of nested) this.#declare(child, name, place);
    return hoisted;
  }

  /** Moves `definitions` (recursive parts, `.meta({ id })` schemas) to the shared schemas and points every `$ref` there. */
  #hoist(json: JsonSchema, stem: string, selfName: string | undefined): JsonSchema {
    const definitions = (json.definitions ?? {}) as Record<string, JsonSchema>;
    delete json.definitions;
    const renamed = new Map<string, string>();
    let counter = 0;
    for (const key of Object.keys(definitions)) {
      renamed.set(
        key,
        key.startsWith("__schema") ? this.#freeName(`${stem}Node${counter++ === 0 ? "" : counter}`) : key,
      );
    }
    const selfReferencing = JSON.stringify(json).includes('"$ref":"#"');
    const root = selfReferencing ? (selfName ?? this.#freeName(stem)) : undefined;
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (typeof value !== "object" || value === null) return value;
      const out: JsonSchema = {};
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string")
          out[key] =
            child === "#"
              ? COMPONENTS_PREFIX + root
              : child.startsWith("#/definitions/")
                ? COMPONENTS_PREFIX + renamed.get(child.slice(14))
                : child;
        else out[key] = rewrite(child);
      }
      return out;
    };
    for (const [key, definition] of Object.entries(definitions))
      this.#components.set(renamed.get(key)!, rewrite(definition) as JsonSchema);
    const body = rewrite(json) as JsonSchema;
    if (root === undefined || root === selfName) return body;
    this.#components.set(root, body);
    return { $ref: COMPONENTS_PREFIX + root };
  }

  #freeName(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.#components.has(name) || [...this.#names.values()].includes(name); n++) name = `${wanted}${n}`;
    // Claimed at once, so that two recursive parts of one conversion do not take the same name.
    this.#components.set(name, {});
    return name;
  }
}

/**
 * `binary()` in JSON Schema. JSON Schema has no bytes type; `type: "string", format: "binary"` is
 * the convention OpenAPI and AsyncAPI tools recognise for raw bytes, and, as there, the length
 * limits count bytes. On the Socket.IO wire the bytes travel as a binary attachment, not a string.
 */
function binarySchema(options: { maxBytes?: number; minBytes?: number }, description: unknown): JsonSchema {
  const limits = [
    options.minBytes === undefined ? undefined : `at least ${options.minBytes}`,
    options.maxBytes === undefined ? undefined : `at most ${options.maxBytes}`,
  ].filter(Boolean);
  const text = `Binary data (a Uint8Array, ArrayBuffer or Blob), sent as a Socket.IO binary attachment${limits.length === 0 ? "" : `; ${limits.join(" and ")} bytes`}.`;
  return {
    type: "string",
    format: "binary",
    contentMediaType: "application/octet-stream",
    ...(options.minBytes === undefined ? {} : { minLength: options.minBytes }),
    ...(options.maxBytes === undefined ? {} : { maxLength: options.maxBytes }),
    description: typeof description === "string" ? `${description} ${text}` : text,
  };
}

/** A description the user wrote, not the note of the custom schema inside binary(). */
function userDescription(target: JsonSchema): unknown {
  return target[ZOD_TYPE_KEY] === undefined ? target.description : undefined;
}

function isEmpty(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

function replace(target: JsonSchema, next: JsonSchema): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, next);
}

/**
 * The closest JSON Schema for a Zod type JSON Schema cannot express, and a note that says so.
 * JSON turns a Date into its ISO string and cannot carry the others at all; a parser such as
 * socket.io-msgpack-parser carries Dates, bigints and binary as they are.
 */
function approximate(
  def: { type: string; valueType?: AnySchema; keyType?: AnySchema },
  convert: (child: AnySchema, suffix: string) => JsonSchema,
): { schema: JsonSchema; note: string } {
  const needs = "needs a Socket.IO parser that keeps it (such as msgpack)";
  switch (def.type) {
    case "date":
      return {
        schema: { type: "string", format: "date-time" },
        note: `A Date. JSON sends it as an ISO 8601 string, which z.date() refuses: it ${needs}.`,
      };
    case "bigint":
      return { schema: { type: "integer" }, note: `A bigint: JSON cannot carry it; it ${needs}.` };
    case "set":
      return {
        schema: { type: "array", uniqueItems: true, ...(def.valueType ? { items: convert(def.valueType, "[]") } : {}) },
        note: `A Set, shown as an array of distinct items: JSON sends a Set as {}; it ${needs}.`,
      };
    case "map": {
      const pair =
        def.keyType && def.valueType
          ? {
              items: {
                type: "array",
                items: [convert(def.keyType, ".key"), convert(def.valueType, ".value")],
                minItems: 2,
                maxItems: 2,
              },
            }
          : {};
      return {
        schema: { type: "array", ...pair },
        note: `A Map, shown as an array of [key, value] pairs: JSON sends a Map as {}; it ${needs}.`,
      };
    }
    case "nan":
      return { schema: { type: "number" }, note: "NaN: JSON sends it as null." };
    default:
      return {
        schema: { type: ANY_JSON },
        note: `A Zod ${def.type}, checked by code: JSON Schema cannot say which values it accepts.`,
      };
  }
}

function where(path: readonly (string | number)[]): string {
  const keys = path.filter(
    (key) => key !== "properties" && key !== "items" && key !== "prefixItems" && key !== "additionalProperties",
  );
  return keys.length === 0 ? "" : ` at ${keys.join(".")}`;
}

function pascal(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, letter: string | undefined) => (letter ?? "").toUpperCase())
    .replace(/^./, (letter) => letter.toUpperCase());
}
