import { CodegenError } from "../errors.js";
import type { JsonSchema } from "./json-schema.js";

type Converter = { readonly input?: (options: { target: string }) => unknown };
type StandardLike = { readonly "~standard": { readonly vendor: string; readonly jsonSchema?: Converter } };

/**
 * The wire JSON Schema (draft-07, as AsyncAPI 3.0 reads it) of a schema from another Standard
 * Schema library: what it accepts, from its own Standard JSON Schema v1. Its definitions are
 * renamed `__schema<n>`, so the converter names them after the place (`<Stem>Node`) rather than
 * after the library's encounter-order keys. A schema that cannot describe itself is a
 * `CodegenError` naming the place.
 *
 * @example
 * standardWireJson(toStandardJsonSchema(v.object({ room: v.string() })), "namespaces[\"/chat\"].auth");
 * // { type: "object", properties: { room: { type: "string" } }, required: ["room"] }
 */
export function standardWireJson(schema: unknown, place: string): JsonSchema {
  const standard = (schema as StandardLike)["~standard"];
  const write = standard.jsonSchema?.input;
  if (typeof write !== "function")
    throw new CodegenError(
      "UNRENDERABLE",
      `${place}: this ${standard.vendor} schema offers no JSON Schema (Standard JSON Schema v1, \`~standard.jsonSchema\`)`,
    );
  let json: unknown;
  let draft2020 = false;
  try {
    json = write.call(standard.jsonSchema, { target: "draft-07" });
  } catch {
    try {
      json = write.call(standard.jsonSchema, { target: "draft-2020-12" });
      draft2020 = true;
    } catch (error) {
      throw new CodegenError(
        "UNRENDERABLE",
        `${place}: this ${standard.vendor} schema cannot describe what it accepts in JSON Schema (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  // `true` accepts anything; an object says what it accepts. Copied, so the library's cached document stays untouched.
  const copy = (typeof json === "boolean" ? {} : structuredClone(json)) as JsonSchema;
  delete copy.$schema;
  return normalize(copy, draft2020);
}

/** `$defs` and `definitions` as `definitions` keyed `__schema<n>`, and 2020-12 tuples (`prefixItems`) in draft-07's form. */
function normalize(json: JsonSchema, draft2020: boolean): JsonSchema {
  const definitions = {
    ...((json.definitions ?? {}) as Record<string, unknown>),
    ...((json.$defs ?? {}) as Record<string, unknown>),
  };
  delete json.definitions;
  delete json.$defs;
  const keys = new Map(Object.keys(definitions).map((key, index) => [key, `__schema${index}`]));
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== "object" || value === null) return value;
    const out: JsonSchema = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") {
        const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(child);
        out.$ref = match === null ? child : `#/definitions/${keys.get(match[1]!) ?? match[1]}`;
      } else out[key] = rewrite(child);
    }
    if (draft2020 && Array.isArray(out.prefixItems)) {
      const rest = out.items;
      out.items = out.prefixItems;
      delete out.prefixItems;
      if (rest !== undefined) out.additionalItems = rest;
    }
    return out;
  };
  const body = rewrite(json) as JsonSchema;
  if (keys.size > 0)
    body.definitions = Object.fromEntries(
      Object.entries(definitions).map(([key, value]) => [keys.get(key)!, rewrite(value)]),
    );
  return body;
}
