import { isZodSchema } from "../schema-kind.js";
import type { AnySchema } from "../types.js";
import { standardSupport } from "./standard-support.js";

/**
 * How deep a value may nest (arrays and objects inside each other, each one a level) where its
 * schema could follow it further: a recursive schema (`z.lazy`, a getter that refers back,
 * `z.json()`), or one this module cannot see into. 128 levels hold a tree of 64 generations of
 * `{ children: [...] }` and any ordinary document; refusing deeper input costs a walk of at most
 * 128 levels down each branch instead of a parse as deep as the packet allows.
 */
export const DEFAULT_MAX_DEPTH = 128;

/** Beyond this many nested schema levels, a schema is treated as recursive (a factory minting fresh subtrees). */
const MAX_SCHEMA_WALK = 256;
const unbounded = new WeakMap<object, boolean>();

/**
 * Whether parsing with `schema` may descend into input without a bound set by the schema itself:
 * a cycle in its graph, or, for another library, a Standard JSON Schema that refers to a definition
 * (the only way it can say "recursive") or none at all (nothing to look into). Computed once per
 * schema. A schema without a cycle stops at its own depth, so deeper input costs it nothing: no
 * walk of each value before a Valibot or ArkType object of fixed shape is validated.
 */
export function mayNestWithoutBound(schema: AnySchema): boolean {
  let answer = unbounded.get(schema);
  if (answer === undefined) {
    answer = isZodSchema(schema) ? walk(schema, new Set(), 0) : standardSupport().mayNestWithoutBound(schema);
    unbounded.set(schema, answer);
  }
  return answer;
}

function walk(node: unknown, path: Set<object>, level: number): boolean {
  const zod = (node as { _zod?: { def?: Record<string, unknown> } })._zod;
  if (zod?.def === undefined) return true;
  if (path.has(node as object) || level > MAX_SCHEMA_WALK) return true;
  const known = unbounded.get(node as object);
  if (known !== undefined) return known;
  path.add(node as object);
  try {
    return schemasUnder(zod.def).some((child) => walk(child, path, level + 1));
  } catch {
    return true; // a getter that throws: nothing to prove it bounded
  } finally {
    path.delete(node as object);
  }
}

/**
 * The schemas a Zod definition holds, checks aside (a lazy schema's: what its getter returns, which
 * may throw): the graph `walk` and `sendsParsedValue` go down.
 */
export function schemasUnder(def: Record<string, unknown>): unknown[] {
  if (def.type === "lazy") return [(def.getter as () => unknown)()];
  const children: unknown[] = [];
  for (const key of Object.keys(def)) if (key !== "checks" && key !== "type") children.push(...childrenOf(def[key]));
  return children;
}

/** The schemas a def property holds: itself, the items of an array, or the values of a shape. */
function childrenOf(value: unknown): unknown[] {
  if (typeof value !== "object" || value === null) return [];
  if ((value as { _zod?: unknown })._zod !== undefined) return [value];
  if (Array.isArray(value))
    return value.filter(
      (item) => typeof item === "object" && item !== null && (item as { _zod?: unknown })._zod !== undefined,
    );
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return [];
  return Object.values(value).filter(
    (item) => typeof item === "object" && item !== null && (item as { _zod?: unknown })._zod !== undefined,
  );
}

/**
 * Whether `value` nests arrays or objects more than `max` levels deep. Walks without recursion and
 * stops at the first branch that goes too deep, so the cost is bounded by the input's size and
 * never by its depth. Bytes (typed arrays, `ArrayBuffer`, `Blob`) are leaves.
 */
export function deeperThan(value: unknown, max: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const current = values.pop() as object;
    const depth = depths.pop()!;
    if (depth > max) return true;
    if (ArrayBuffer.isView(current) || current instanceof ArrayBuffer) continue;
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        const item: unknown = current[index];
        if (typeof item === "object" && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in current) {
        const item: unknown = (current as Record<string, unknown>)[key];
        if (typeof item === "object" && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/**
 * Checks a depth limit given as an option: a whole number of at least 1, or `Infinity` (no limit).
 *
 * @example
 * const maxDepth = depthLimit(options.maxDepth, "bindServer");
 */
export function depthLimit(value: number | undefined, where: string): number {
  if (value === undefined) return DEFAULT_MAX_DEPTH;
  if (value === Infinity || (Number.isSafeInteger(value) && value >= 1)) return value;
  throw new TypeError(`[socket-contract] ${where}: maxDepth must be a whole number of at least 1, or Infinity`);
}
