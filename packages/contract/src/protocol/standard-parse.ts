import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ContractIssue } from "../contract-error.js";
import { isThenable } from "../schema-kind.js";
import { type JsonSchemaObject, standardJsonSchemaOf } from "../standard-json-schema.js";
import { INPUT_KEY, MAX_ISSUES } from "./issues.js";

type Parsed =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: ContractIssue[]; readonly cause?: unknown };

const MAX_EXPECTED = 200;

/**
 * Validates one value through `~standard.validate`, for schemas that are not Zod. A validator that
 * throws, or answers with a promise (refused when the contract was defined, but a validator may
 * change its mind), is an issue, never a crash and never a wait.
 */
export function parseStandard(schema: StandardSchemaV1, value: unknown, prefix: readonly (string | number)[]): Parsed {
  let result: StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>>;
  try {
    result = schema["~standard"].validate(value);
  } catch (cause) {
    return {
      ok: false,
      issues: [{ path: [...prefix], code: "custom", message: "The value could not be parsed" }],
      cause,
    };
  }
  if (isThenable(result)) {
    Promise.resolve(result).catch(() => undefined);
    return {
      ok: false,
      issues: [
        {
          path: [...prefix],
          code: "async_schema",
          message: "The schema validated asynchronously, which a contract does not allow",
        },
      ],
    };
  }
  if (result.issues === undefined) return { ok: true, value: result.value };
  return { ok: false, issues: toStandardIssues(schema, result.issues, prefix) };
}

/**
 * Turns Standard Schema issues into wire issues under `prefix`. Valibot's and ArkType's messages
 * quote the received value, so the message is rebuilt from what the schema expected (`expected`,
 * which both libraries put on an issue); the code is the library's own (ArkType's `code`,
 * Valibot's `type`). A path key survives only where the schema's JSON Schema declares it; record
 * keys, which the sender chose, and every key of a schema without JSON Schema become `"*"`.
 */
export function toStandardIssues(
  schema: StandardSchemaV1,
  issues: readonly StandardSchemaV1.Issue[],
  prefix: readonly (string | number)[],
): ContractIssue[] {
  const out: ContractIssue[] = [];
  const root = standardJsonSchemaOf(schema, "input");
  for (const issue of issues) {
    if (out.length >= MAX_ISSUES) break;
    const detail = issue as unknown as Record<string, unknown>;
    // A plain loop, not `map`: ArkType's path is an Array subclass whose constructor `map` would misuse.
    const keys: PropertyKey[] = [];
    for (const segment of issue.path ?? [])
      keys.push(typeof segment === "object" && segment !== null ? segment.key : segment);
    out.push({ path: [...prefix, ...declaredPath(root, keys)], code: codeOf(detail), message: messageOf(detail) });
  }
  return out;
}

function codeOf(issue: Record<string, unknown>): string {
  for (const key of ["code", "type"]) {
    const value = issue[key];
    if (typeof value === "string" && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value)) return value;
  }
  return "invalid";
}

function messageOf(issue: Record<string, unknown>): string {
  if (typeof issue.expected !== "string") return "Invalid value";
  let expected = issue.expected;
  // ArkType's union issues (`boolean` is one) carry a whole sentence, `<path> must be "a" or "b" (was "zzz")`: keep
  // what lies between "must be" and "(was", the part the schema wrote.
  const was = expected.indexOf(" (was ");
  if (was >= 0) expected = expected.slice(0, was);
  const must = /(^|\s)must be /.exec(expected);
  if (must !== null) expected = expected.slice(must.index + must[0].length);
  if (expected === "" || expected.length > MAX_EXPECTED) return "Invalid value";
  return `Expected ${expected}`;
}

function declaredPath(root: JsonSchemaObject | undefined, keys: readonly PropertyKey[]): (string | number)[] {
  const out: (string | number)[] = [];
  let node: JsonSchemaObject | undefined = root;
  for (const key of keys) {
    if (typeof key === "number") {
      out.push(key);
      node = node === undefined ? undefined : itemOf(root!, node, key);
      continue;
    }
    const step = node === undefined || typeof key !== "string" ? undefined : propertyOf(root!, node, key, 0);
    out.push(step?.declared ? (key as string) : INPUT_KEY);
    node = step?.child;
  }
  return out;
}

function propertyOf(
  root: JsonSchemaObject,
  node: JsonSchemaObject,
  key: string,
  depth: number,
): { declared: boolean; child: JsonSchemaObject | undefined } | undefined {
  if (depth > 16) return undefined;
  const here = resolve(root, node);
  const properties = here.properties;
  if (isObject(properties) && Object.hasOwn(properties, key))
    return { declared: true, child: asSchema(properties[key]) };
  for (const combinator of ["allOf", "anyOf", "oneOf"]) {
    const options = here[combinator];
    if (!Array.isArray(options)) continue;
    for (const option of options) {
      const step = isObject(option) ? propertyOf(root, option, key, depth + 1) : undefined;
      if (step?.declared) return step;
    }
  }
  return { declared: false, child: asSchema(here.additionalProperties) };
}

function itemOf(root: JsonSchemaObject, node: JsonSchemaObject, index: number): JsonSchemaObject | undefined {
  const here = resolve(root, node);
  if (Array.isArray(here.prefixItems) && index < here.prefixItems.length) return asSchema(here.prefixItems[index]);
  return asSchema(here.items);
}

/** Follows a local `$ref` (`#/$defs/Name`, `#/definitions/Name`), a few hops at most. */
function resolve(root: JsonSchemaObject, node: JsonSchemaObject): JsonSchemaObject {
  let here = node;
  for (let hops = 0; hops < 8 && typeof here.$ref === "string"; hops++) {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(here.$ref);
    const defs = match === null ? undefined : root[match[1]!];
    const target = isObject(defs) ? defs[decodeURIComponent(match![2]!)] : undefined;
    if (!isObject(target)) break;
    here = target;
  }
  return here;
}

function asSchema(value: unknown): JsonSchemaObject | undefined {
  return isObject(value) ? value : undefined;
}

function isObject(value: unknown): value is JsonSchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
