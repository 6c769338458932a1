import type { StandardSchemaV1 } from "@standard-schema/spec";
import { standardJsonSchemaOf } from "./standard-json-schema.js";

/**
 * What a schema of another library adds to a contract's fingerprint (see `contractFingerprint`):
 * its input Standard JSON Schema without documentation, or its vendor's name when it offers none.
 * Part of the Standard Schema support, so a page whose contract is all Zod does not carry it.
 */
export function standardShapeOf(schema: StandardSchemaV1): unknown {
  const json = standardJsonSchemaOf(schema, "input");
  return json === undefined ? schema["~standard"].vendor : withoutDocumentation(json);
}

/** Keywords of a JSON Schema that only document it (an argument's `name` among them), as `.describe()` and `.meta()` do for Zod. */
const DOCUMENTATION_KEYWORDS = new Set(["description", "title", "name", "examples", "$comment"]);
/** Keywords whose value maps names to schemas: their keys are property names, never keywords. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is data, not a schema. */
const DATA_KEYWORDS = new Set(["const", "enum", "default", "required"]);

/** A JSON Schema without its documentation keywords, at every level that is a schema. */
function withoutDocumentation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDocumentation);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DOCUMENTATION_KEYWORDS.has(key)) continue;
    if (DATA_KEYWORDS.has(key) || typeof value !== "object" || value === null) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && !Array.isArray(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, withoutDocumentation(item)]));
    else out[key] = withoutDocumentation(value);
  }
  return out;
}
