import { CodegenError } from "../errors.js";
import { type Json, renderJsonRoot } from "./json-schema-type.js";
import type { RenderContext, Side, Site } from "./render-schema.js";
import type { TypeNode } from "./type-node.js";

/** The part of a Standard Schema v1 value the generator reads. */
export interface StandardSchemaLike {
  readonly "~standard": { readonly vendor: string; readonly validate: (value: unknown) => unknown };
}

type Converter = {
  readonly input?: (options: { target: string }) => unknown;
  readonly output?: (options: { target: string }) => unknown;
};

/**
 * The type of one side of a schema from another Standard Schema library, read from the JSON
 * Schema it gives of itself (Standard JSON Schema v1, `~standard.jsonSchema`): what it accepts
 * for `input`, what it produces for `output`. A schema that offers none, or cannot describe
 * itself (a Valibot transform's output), is a `CodegenError` naming the place.
 *
 * @example
 * renderStandardSchema(toStandardJsonSchema(v.object({ room: v.string() })), "input", site, context); // { kind: "object", ... }
 */
export function renderStandardSchema(
  schema: StandardSchemaLike,
  side: Side,
  site: Site,
  context: RenderContext,
): TypeNode {
  const root = {
    input: jsonOf(schema, "input", site.place),
    output: jsonOf(schema, "output", site.place),
    scope: context.scope,
    key: schema,
    place: site.place,
    stem: site.stem,
  };
  return renderJsonRoot(root, side);
}

const documents: Record<Side, WeakMap<object, Json | string>> = { input: new WeakMap(), output: new WeakMap() };

/** The JSON Schema (draft 2020-12) of one side, read once per schema; a failure is remembered as its message. */
export function jsonOf(schema: StandardSchemaLike, side: Side, place: string): Json {
  let found = documents[side].get(schema);
  if (found === undefined) {
    found = convert(schema, side);
    documents[side].set(schema, found);
  }
  if (typeof found === "string") throw new CodegenError("UNRENDERABLE", `${place}: ${found}`);
  return found;
}

function convert(schema: StandardSchemaLike, side: Side): Json | string {
  const vendor = schema["~standard"].vendor;
  const converter = (schema["~standard"] as { jsonSchema?: Converter }).jsonSchema;
  const write = converter?.[side];
  if (typeof write !== "function") {
    return `this ${vendor} schema offers no JSON Schema (Standard JSON Schema v1, \`~standard.jsonSchema\`), which the generator renders other libraries' schemas from${vendor === "valibot" ? "; wrap it in toStandardJsonSchema() from @valibot/to-json-schema" : ""}`;
  }
  try {
    const json = write.call(converter, { target: "draft-2020-12" });
    if (typeof json === "boolean" || (typeof json === "object" && json !== null)) return json as Json;
    return `this ${vendor} schema's JSON Schema of its ${side} is not a schema`;
  } catch (error) {
    return `this ${vendor} schema cannot describe its ${side} in JSON Schema (${error instanceof Error ? error.message : String(error)})`;
  }
}
