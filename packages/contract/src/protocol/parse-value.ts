import { safeParse, type util } from "zod/v4/core";
import { isZodSchema } from "../schema-kind.js";
import type { AnySchema } from "../types.js";
import type { Parsed } from "./catalog.js";
import { DEFAULT_MAX_DEPTH, deeperThan, mayNestWithoutBound } from "./depth.js";
import { type FastPath, INVALID, fastPathOf } from "./fast-path.js";
import { toContractIssues } from "./issues.js";
import { standardSupport } from "./standard-support.js";

/**
 * Parses one value; a schema that throws (a transform that fails) is an issue, not a crash. Zod
 * schemas parse through Zod directly; any other Standard Schema through `~standard.validate`.
 * Where the schema is recursive (or not Zod's, so it cannot be told), a value nested deeper than
 * `maxDepth` is refused before parsing, so its cost is a walk bounded by `maxDepth` levels, not a
 * parse as deep as the input. `nests` is `mayNestWithoutBound(schema)` where the caller has it.
 * A compiled schema's parser (`fast`, looked up when not given; `null` for none) is called
 * directly, and only a value it refuses is parsed again by Zod for its issues.
 */
export function parseValue(
  schema: AnySchema,
  value: unknown,
  prefix: readonly (string | number)[],
  maxDepth = DEFAULT_MAX_DEPTH,
  nests?: boolean,
  fast: FastPath | null | undefined = fastPathOf(schema),
): Parsed<unknown> {
  if (tooDeep(schema, value, maxDepth, nests)) {
    return {
      ok: false,
      issues: [{ path: [...prefix], code: "too_deep", message: `Nested deeper than ${maxDepth} levels` }],
    };
  }
  let parseWith = schema;
  if (fast != null) {
    let out: unknown;
    try {
      out = fast.parse(value);
    } catch (cause) {
      return unparsable(prefix, cause);
    }
    if (out !== INVALID) return { ok: true, value: out };
    // Zod's ordinary parser finds the issues, as the compiled schema's own fallback would.
    parseWith = fast.source;
  }
  if (!isZodSchema(parseWith)) return standardSupport().parse(parseWith, value, prefix);
  let result: util.SafeParseResult<unknown>;
  try {
    result = safeParse(parseWith, value);
  } catch (cause) {
    return unparsable(prefix, cause);
  }
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toContractIssues(result.error.issues, prefix, [], parseWith) };
}

function tooDeep(schema: AnySchema, value: unknown, maxDepth: number, nests: boolean | undefined): boolean {
  return (
    maxDepth !== Infinity &&
    typeof value === "object" &&
    value !== null &&
    (nests ?? mayNestWithoutBound(schema)) &&
    deeperThan(value, maxDepth)
  );
}

function unparsable(prefix: readonly (string | number)[], cause: unknown): Parsed<never> {
  return {
    ok: false,
    issues: [{ path: [...prefix], code: "custom", message: "The value could not be parsed" }],
    cause,
  };
}

/**
 * A value through a compiled function alone: the parser's value, or with `check` the validator's
 * verdict (anything but `INVALID`). `INVALID` where that path cannot decide (no compiled function,
 * a value nested past the depth limit, refused, or a schema that threw): `parseValue` then
 * decides, with issues. `null` is retried as `undefined`, as `parseArg` does.
 */
export function parseFast(
  fast: FastPath | undefined,
  value: unknown,
  nests: boolean,
  maxDepth: number,
  check: boolean,
): unknown {
  if (fast === undefined) return INVALID;
  if (tooDeep(fast.source, value, maxDepth, nests)) return INVALID;
  const run = check ? fast.validate : fast.parse;
  try {
    const out = run(value);
    return out === INVALID && value === null ? run(undefined) : out;
  } catch {
    return INVALID;
  }
}

/** The issue-path prefix of a whole value (an ack, error data): shared, so a valid one allocates none. Read-only. */
export const NO_PREFIX: readonly (string | number)[] = Object.freeze([]);
