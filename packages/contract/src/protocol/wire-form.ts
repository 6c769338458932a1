import type * as core from "zod/v4/core";
import { binaryOptionsOf } from "../binary.js";
import { isZodSchema } from "../schema-kind.js";
import type { AnySchema, ZodSchema } from "../types.js";
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

function transformFree(schema: ZodSchema, seen: Set<ZodSchema>): boolean {
  if (seen.has(schema)) return true;
  seen.add(schema);
  if (binaryOptionsOf(schema) !== undefined) return true;
  const def = schema._zod.def as core.$ZodTypeDef & Record<string, any>;
  const all = (schemas: readonly ZodSchema[]) => schemas.every((child) => transformFree(child, seen));
  switch (def.type) {
    case "pipe":
    case "transform":
    case "promise":
    case "function":
      return false;
    case "object":
      return (
        all(Object.values(def.shape as Record<string, ZodSchema>)) &&
        (def.catchall === undefined || transformFree(def.catchall, seen))
      );
    case "array":
    case "set":
      return transformFree(def.element ?? def.valueType, seen);
    case "tuple":
      return all(def.items) && (def.rest == null || transformFree(def.rest, seen));
    case "record":
    case "map":
      return transformFree(def.keyType, seen) && transformFree(def.valueType, seen);
    case "union":
      return all(def.options);
    case "intersection":
      return transformFree(def.left, seen) && transformFree(def.right, seen);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
    case "success":
      return transformFree(def.innerType, seen);
    case "lazy":
      return transformFree(def.getter(), seen);
    default:
      // Leaves (string, number, literal, enum, date, custom, any, unknown, ...) carry no transform.
      return true;
  }
}
