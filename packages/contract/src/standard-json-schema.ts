import type { StandardSchemaV1 } from "@standard-schema/spec";

/** A JSON Schema object, as Standard JSON Schema v1 gives it. */
export type JsonSchemaObject = Record<string, unknown>;

type Io = "input" | "output";
type JsonSchemaConverter = { readonly input?: unknown; readonly output?: unknown };

const cache: Record<Io, WeakMap<object, JsonSchemaObject | null>> = { input: new WeakMap(), output: new WeakMap() };

/**
 * The JSON Schema (draft 2020-12) a Standard JSON Schema v1 value gives of what it accepts
 * (`"input"`) or produces (`"output"`), or `undefined` when it offers none or cannot express this
 * schema. Never throws; asked once per schema and side.
 *
 * @example
 * standardJsonSchemaOf(type({ room: "string" }), "input"); // { type: "object", properties: { room: { type: "string" } }, ... }
 */
export function standardJsonSchemaOf(schema: StandardSchemaV1, io: Io): JsonSchemaObject | undefined {
  const key = schema as object;
  let found = cache[io].get(key);
  if (found === undefined) {
    found = convert(schema, io);
    cache[io].set(key, found);
  }
  return found ?? undefined;
}

/** Whether a Standard Schema offers `~standard.jsonSchema` at all. */
export function hasStandardJsonSchema(schema: StandardSchemaV1): boolean {
  const converter = (schema["~standard"] as { jsonSchema?: JsonSchemaConverter }).jsonSchema;
  return typeof converter === "object" && converter !== null && typeof converter.input === "function";
}

function convert(schema: StandardSchemaV1, io: Io): JsonSchemaObject | null {
  const converter = (schema["~standard"] as { jsonSchema?: JsonSchemaConverter }).jsonSchema;
  const convertSide = converter?.[io];
  if (typeof convertSide !== "function") return null;
  try {
    const json: unknown = convertSide.call(converter, { target: "draft-2020-12" });
    return typeof json === "object" && json !== null ? (json as JsonSchemaObject) : null;
  } catch {
    return null;
  }
}
