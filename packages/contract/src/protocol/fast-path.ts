import type { AnySchema } from "../types.js";

/** What Zod's compiled functions answer for a value they do not accept (`INVALID` in zod/v4/core/compile.js). */
export const INVALID: unique symbol = Symbol.for("zod.compile.invalid");

/** A function Zod's compiler generated: the parsed value (`true` for a validator), or `INVALID`. */
export type CompiledFn = (input: unknown) => unknown;

/**
 * The compiled functions behind one compiled schema, called directly on the happy path: Zod's own
 * `safeParse` on the compiled schema allocates a context, a payload and a result around the same
 * call, three times the cost of the parse itself on a small payload.
 */
export interface FastPath {
  /** The compiled parser: the parsed value (unknown keys stripped, transforms run), or `INVALID`. */
  readonly parse: CompiledFn;
  /** The assert-only validator (the parser where Zod could not make one): anything but `INVALID` is valid. */
  readonly validate: CompiledFn;
  /**
   * The schema compiled from. A value the fast path refuses is parsed again here, by Zod's ordinary
   * parser, for its issues: exactly what the compiled schema's own fallback runs, and the
   * compiled function is not run a second time.
   */
  readonly source: AnySchema;
}

const paths = new WeakMap<object, FastPath>();

/** Files the compiled functions of `compiled` (see `compileSchema`). */
export function keepFastPath(compiled: AnySchema, path: FastPath): void {
  paths.set(compiled, path);
}

/** The compiled functions of a schema `compileSchema` compiled, or `undefined` for any other schema. */
export function fastPathOf(schema: AnySchema): FastPath | undefined {
  return paths.get(schema);
}
