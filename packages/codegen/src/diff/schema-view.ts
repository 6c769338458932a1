import { COMPONENTS_PREFIX, type JsonSchema } from "../asyncapi/json-schema.js";

/** A JSON Schema where `true`/`false` stand for "anything" and "nothing". */
export type Schema = JsonSchema | boolean;

/** One contract's shared schemas, which its `$ref`s point to. */
export type Components = Readonly<Record<string, JsonSchema>>;

/** Keys that document a schema without changing what it accepts. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "name",
  "examples",
  "default",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
  "contentMediaType",
]);

/** The name a `$ref` points to, or `undefined`. */
export function refName(schema: Schema): string | undefined {
  return typeof schema === "object" && typeof schema.$ref === "string"
    ? schema.$ref.slice(COMPONENTS_PREFIX.length)
    : undefined;
}

/** The schema itself, its `$ref` followed (several times if need be). */
export function deref(schema: Schema, components: Components): Schema {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    const name = refName(current);
    if (name === undefined) return current;
    current = components[name] ?? true;
  }
  return current;
}

/** The keys that constrain values: annotations dropped, `const` read as a one-value `enum`, every `allOf` of plain parts merged. */
export function constraints(schema: Schema): JsonSchema | boolean {
  if (typeof schema === "boolean") return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) if (!ANNOTATIONS.has(key)) out[key] = value;
  if ("const" in out) {
    out.enum = [out.const];
    delete out.const;
  }
  if (
    Array.isArray(out.allOf) &&
    out.allOf.every(
      (part) =>
        typeof part === "object" &&
        part !== null &&
        !hasAny(part as JsonSchema, ["anyOf", "oneOf", "allOf", "$ref", "properties"]),
    )
  ) {
    const patterns = new Set<string>(typeof out.pattern === "string" ? [out.pattern] : []);
    for (const part of out.allOf as JsonSchema[]) {
      for (const [key, value] of Object.entries(part)) {
        if (key === "pattern") patterns.add(value as string);
        else if (!ANNOTATIONS.has(key) && !(key in out)) out[key] = value;
      }
    }
    delete out.allOf;
    delete out.pattern;
    if (patterns.size > 0) out.patterns = [...patterns].sort();
  } else if (typeof out.pattern === "string") {
    out.patterns = [out.pattern];
    delete out.pattern;
  }
  if (out.oneOf !== undefined && out.anyOf === undefined) {
    // The unions Zod writes as oneOf (discriminated) are disjoint, so oneOf accepts what anyOf does.
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (Array.isArray(out.type)) {
    const types = out.type as string[];
    delete out.type;
    if (types.length === 1) out.type = types[0];
    else return { anyOf: types.map((type) => ({ ...out, type })) };
  }
  return out;
}

/** Whether a schema accepts every value (no constraint at all). */
export function isAny(schema: Schema): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  return Object.keys(constraints(schema) as JsonSchema).length === 0;
}

/** Whether a schema accepts no value. */
export function isNever(schema: Schema): boolean {
  if (schema === false) return true;
  if (schema === true) return false;
  return isAny((schema.not as Schema | undefined) ?? false) || (Array.isArray(schema.enum) && schema.enum.length === 0);
}

export function hasAny(schema: JsonSchema, keys: readonly string[]): boolean {
  return keys.some((key) => key in schema);
}

/**
 * A short description of a schema for a report: `string`, `number | null`, `"a" | "b"`,
 * `array of Message`, `[string, boolean]`, `binary`.
 *
 * @example
 * describeSchema({ type: ["string", "null"] }, {}); // "string | null"
 */
export function describeSchema(schema: Schema, components: Components, depth = 0): string {
  if (schema === true) return "any";
  if (schema === false) return "nothing";
  const name = refName(schema);
  if (name !== undefined) return name;
  const view = constraints(schema);
  if (typeof view === "boolean") return view ? "any" : "nothing";
  if (depth > 2) return "…";
  const inner = (child: unknown): string => describeSchema(child as Schema, components, depth + 1);
  if (Array.isArray(view.enum)) return view.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (Array.isArray(view.anyOf)) return view.anyOf.map(inner).join(" | ");
  if (view.format === "binary") return "binary";
  switch (view.type) {
    case "array":
      if (Array.isArray(view.items)) return `[${view.items.map(inner).join(", ")}]`;
      return view.items === undefined ? "array" : `array of ${inner(view.items)}`;
    case "object":
      if (view.properties === undefined && typeof view.additionalProperties === "object")
        return `record of ${inner(view.additionalProperties)}`;
      return "object";
    case undefined:
      return isAny(view) ? "any" : "a constrained value";
    default:
      return String(view.type);
  }
}
