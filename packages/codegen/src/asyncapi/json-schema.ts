import { type AnySchema, binaryOptionsOf } from "@socket-contract/contract";
import * as core from "zod/v4/core";
import { CodegenError } from "../errors.js";

/** A JSON Schema object (draft-07, the dialect AsyncAPI 3.0 schemas extend). */
export type JsonSchema = { [key: string]: unknown };

/** Where converted schemas point their `$ref`s: the document's shared schemas. */
export const COMPONENTS_PREFIX = "#/components/schemas/";

const UNREPRESENTABLE = "x-socket-contract-unrepresentable";

/**
 * Turns Zod schemas into the JSON Schema of what travels on the wire: the input side, since a
 * sender puts its raw arguments on the wire and the receiver parses them. Schemas the contract
 * module exports become shared, named schemas (`Message`), as do recursive ones; `binary()`
 * becomes `{ type: "string", format: "binary" }` with its limits. A type JSON cannot carry
 * (`z.date()`, `z.bigint()`, a `z.custom()`) is a `CodegenError` naming the place: it would never
 * survive Socket.IO's JSON encoding anyway.
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

  constructor(names: ReadonlyMap<unknown, string> = new Map()) {
    this.#names = names;
  }

  /** The named schemas met so far, sorted by name. */
  components(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.#components.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The wire JSON Schema of `schema`; `place` names it in errors, `stem` names its recursive parts. */
  convert(schema: AnySchema, place: string, stem: string): JsonSchema {
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
    const nested: [AnySchema, string][] = [];
    const json = core.toJSONSchema(schema, {
      target: "draft-07",
      io: "input",
      unrepresentable: (context) => {
        const kind = context.zodSchema._zod.def.type;
        // An argument or ack that is `undefined` travels as JSON `null` (or not at all).
        if (kind === "undefined" || kind === "void") return { type: "null" };
        return { [UNREPRESENTABLE]: { kind, path: context.path } };
      },
      override: (context) => {
        const target = context.jsonSchema as JsonSchema;
        // z.looseObject: "any other key" reads better as `true` than as an empty schema.
        if (isEmpty(target.additionalProperties)) target.additionalProperties = true;
        const binary = binaryOptionsOf(context.zodSchema);
        if (binary !== undefined) return replace(target, binarySchema(binary, target.description));
        const name = this.#names.get(context.zodSchema);
        if (name !== undefined && context.zodSchema !== schema) {
          nested.push([context.zodSchema, name]);
          replace(target, { $ref: COMPONENTS_PREFIX + name });
        }
      },
    }) as JsonSchema;
    delete json.$schema;
    const hoisted = this.#hoist(json, stem, selfName);
    for (const [child, name] of nested) this.#declare(child, name, place);
    checkRepresentable(hoisted, place);
    return hoisted;
  }

  /** Moves `definitions` (recursive parts, `.meta({ id })` schemas) to the shared schemas and points every `$ref` there. */
  #hoist(json: JsonSchema, stem: string, selfName: string | undefined): JsonSchema {
    const definitions = (json.definitions ?? {}) as Record<string, JsonSchema>;
    delete json.definitions;
    const renamed = new Map<string, string>();
    let counter = 0;
    for (const key of Object.keys(definitions)) {
      renamed.set(key, key.startsWith("__schema") ? this.#freeName(`${stem}Node${counter++ === 0 ? "" : counter}`) : key);
    }
    const selfReferencing = JSON.stringify(json).includes('"$ref":"#"');
    const root = selfReferencing ? (selfName ?? this.#freeName(stem)) : undefined;
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (typeof value !== "object" || value === null) return value;
      const out: JsonSchema = {};
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string") out[key] = child === "#" ? COMPONENTS_PREFIX + root : child.startsWith("#/definitions/") ? COMPONENTS_PREFIX + renamed.get(child.slice(14)) : child;
        else out[key] = rewrite(child);
      }
      return out;
    };
    for (const [key, definition] of Object.entries(definitions)) this.#components.set(renamed.get(key)!, rewrite(definition) as JsonSchema);
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
  const limits = [options.minBytes === undefined ? undefined : `at least ${options.minBytes}`, options.maxBytes === undefined ? undefined : `at most ${options.maxBytes}`].filter(Boolean);
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

function isEmpty(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

function replace(target: JsonSchema, next: JsonSchema): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, next);
}

function checkRepresentable(value: unknown, place: string): void {
  if (typeof value !== "object" || value === null) return;
  const marker = (value as JsonSchema)[UNREPRESENTABLE] as { kind: string; path: (string | number)[] } | undefined;
  if (marker !== undefined) {
    const where = marker.path.filter((key) => key !== "properties" && key !== "items" && key !== "prefixItems").join(".");
    throw new CodegenError(
      "UNRENDERABLE",
      `${place}${where === "" ? "" : ` at ${where}`}: a Zod ${marker.kind} has no JSON form, so it cannot cross the wire or be described in JSON Schema; use a JSON type (a date as z.iso.datetime(), bytes as binary())`,
    );
  }
  for (const child of Object.values(value)) checkRepresentable(child, place);
}
