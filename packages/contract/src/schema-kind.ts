import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { AnySchema, ZodSchema } from "./types.js";

/**
 * Whether a value is a Zod 4 schema (classic or mini), read by shape so that two copies of Zod
 * agree. Zod schemas take the first-class path: compiled parsers, `binary()`, issue paths walked
 * through the schema.
 *
 * @example
 * isZodSchema(z.string()); // true
 * isZodSchema(v.string()); // false
 */
export function isZodSchema(value: unknown): value is ZodSchema {
  return isRecord(value) && isRecord(value._zod) && isRecord(value._zod.def);
}

/**
 * Whether a value is a Standard Schema v1 value: a `~standard` object of version 1 with a
 * `validate` function. Zod, Valibot and ArkType schemas all are.
 *
 * @example
 * isStandardSchema(type("string")); // true
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if (!isRecord(value) && typeof value !== "function") return false;
  const standard = (value as Record<string, unknown>)["~standard"];
  return isRecord(standard) && standard.version === 1 && typeof standard.validate === "function";
}

/** Whether a value can stand where a contract takes a schema. */
export function isContractSchema(value: unknown): value is AnySchema {
  return isZodSchema(value) || isStandardSchema(value);
}

/**
 * Whether a schema validates asynchronously, which a contract refuses: every check runs on the
 * receiving path before the handler, and a promise there would hold the event open unboundedly.
 *
 * - Zod: Zod finds an async refinement or transform only when a parse reaches it, so the schema's
 *   definition is walked instead, looking for `async` functions among its refinements and
 *   transforms. A plain function that returns a promise is not seen here; the runtime still
 *   refuses such a value when it meets it.
 * - Any other Standard Schema: its `validate` is called once with `undefined`; a validator that
 *   answers with a promise there (Valibot's `*Async` schemas always do; ArkType never does) is
 *   async. The runtime refuses a promise it meets later all the same.
 */
export function validatesAsynchronously(schema: AnySchema): boolean {
  if (isZodSchema(schema)) return hasAsyncFunction(schema, new Set());
  let result: unknown;
  try {
    result = schema["~standard"].validate(undefined);
  } catch {
    return false;
  }
  if (!isThenable(result)) return false;
  // The probe's own promise is not awaited: keep a rejection from going unhandled.
  Promise.resolve(result).catch(() => undefined);
  return true;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (isRecord(value) || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}

const ASYNC_FUNCTION_NAMES = new Set(["AsyncFunction", "AsyncGeneratorFunction"]);

function hasAsyncFunction(node: unknown, seen: Set<unknown>, depth = 0): boolean {
  if (depth > 64 || seen.has(node)) return false;
  if (typeof node === "function") return ASYNC_FUNCTION_NAMES.has(node.constructor?.name);
  if (!isRecord(node)) return false;
  seen.add(node);
  if (Array.isArray(node)) return node.some((item) => hasAsyncFunction(item, seen, depth + 1));
  if (isRecord(node._zod) && isRecord(node._zod.def)) {
    const def = node._zod.def as Record<string, unknown>;
    for (const [key, value] of Object.entries(def)) {
      // A lazy schema's getter is sync by nature; what it returns is the schema to walk.
      if (key === "getter" && typeof value === "function") {
        if (hasAsyncFunction(safeCall(value), seen, depth + 1)) return true;
      } else if (hasAsyncFunction(value, seen, depth + 1)) return true;
    }
    return false;
  }
  // A plain container inside a definition: an object's shape, a record of options.
  if (Object.getPrototypeOf(node) !== Object.prototype) return false;
  return Object.values(node).some((value) => hasAsyncFunction(value, seen, depth + 1));
}

function safeCall(getter: Function): unknown {
  try {
    return getter();
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null;
}
