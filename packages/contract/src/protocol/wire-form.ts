import type * as core from "zod/v4/core";
import { binaryOptionsOf } from "../binary.js";
import { isZodSchema } from "../schema-kind.js";
import type { AnySchema, ZodSchema } from "../types.js";
import { schemasUnder } from "./depth.js";
import { standardSupport } from "./standard-support.js";

const cache = new WeakMap<object, boolean>();

/**
 * Whether a schema's parsed value may travel in place of the value it was parsed from: true when
 * the schema holds no transform, so its output is also valid input (unknown keys stripped,
 * defaults filled, strings trimmed). Then what leaves is only what the contract declares, and a
 * handler that returns a database row with a `passwordHash` does not send it. A schema with a
 * transform (other than `binary()`, whose `Uint8Array` output is valid input) sends the value as
 * given, since its output may not be valid input again. Decided once per schema.
 *
 * A schema of another library is read through its Standard JSON Schema: its parsed value travels
 * when its input and output JSON Schemas agree (no transform changed the shape), and the value as
 * given travels when they differ or it offers none.
 */
export function sendsParsedValue(schema: AnySchema): boolean {
  let safe = cache.get(schema);
  if (safe === undefined) {
    safe = isZodSchema(schema) ? transformFree(schema, new Set()) : standardSupport().sendsParsedValue(schema);
    cache.set(schema, safe);
  }
  return safe;
}

/** Schema types whose output may not be valid input again. */
const TRANSFORMING = new Set(["pipe", "transform", "promise", "function"]);

/**
 * Whether no schema in the graph under `schema` transforms: a walk of every schema its definition
 * holds (as `depth.ts` walks them, checks aside), each once, `binary()` a leaf.
 */
function transformFree(schema: ZodSchema, seen: Set<unknown>): boolean {
  if (seen.has(schema) || binaryOptionsOf(schema) !== undefined) return true;
  seen.add(schema);
  const def = schema._zod.def as core.$ZodTypeDef & Record<string, any>;
  if (TRANSFORMING.has(def.type)) return false;
  return schemasUnder(def).every((child) => transformFree(child as ZodSchema, seen));
}
