import type { JsonSchema } from "../asyncapi/json-schema.js";
import { type Components, type Schema, constraints, deref, describeSchema, refName } from "./schema-view.js";
import { boundChanges, formatChanges, stepChanges } from "./limit-changes.js";
import { isSubset } from "./subset.js";

/**
 * One difference between the old and the new schema of a value. `narrows`: a value the old schema
 * accepts is refused by the new one; `widens`: the new schema accepts a value the old one refuses.
 */
export interface SchemaChange {
  /** Where in the value, `text` or `history[].author` (empty for the value itself). */
  readonly path: string;
  readonly change: string;
  readonly narrows: boolean;
  readonly widens: boolean;
}

export interface CompareContext {
  readonly old: Components;
  readonly new: Components;
}

/**
 * The differences between two versions of a value's schema, each with what it does to the set of
 * accepted values. Objects are compared field by field, arrays item by item, unions variant by
 * variant (matched by their discriminator), literals value by value, and limits one by one; any
 * other change is one "type" change, classified by inclusion both ways.
 *
 * @example
 * compareSchemas({ type: "string", maxLength: 10 }, { type: "string", maxLength: 5 }, ctx);
 * // [{ path: "", change: "maxLength 10 → 5", narrows: true, widens: false }]
 */
export function compareSchemas(
  oldSchema: Schema,
  newSchema: Schema,
  context: CompareContext,
  path = "",
  seen = new Set<string>(),
): SchemaChange[] {
  const refs = `${refName(oldSchema) ?? ""}|${refName(newSchema) ?? ""}`;
  if (refs !== "|") {
    if (seen.has(refs)) return [];
    seen = new Set(seen).add(refs);
  }
  const before = constraints(deref(oldSchema, context.old));
  const after = constraints(deref(newSchema, context.new));
  const recurse = (o: unknown, n: unknown, at: string): SchemaChange[] =>
    compareSchemas(o as Schema, n as Schema, context, at, seen);
  if (typeof before !== "boolean" && typeof after !== "boolean") {
    if (isLiterals(before) && isLiterals(after)) return literalChanges(before, after, path);
    const variants = discriminatedVariants(before, after);
    if (variants !== undefined) return unionChanges(variants, path, recurse);
    if (!isUnion(before) && !isUnion(after) && before.type === after.type && before.type !== undefined) {
      const changes: SchemaChange[] = [];
      if (before.type === "object") changes.push(...objectChanges(before, after, path, recurse));
      else if (before.type === "array") {
        const items = arrayChanges(before, after, path, recurse);
        // A tuple whose length changed says it once, not again as minItems and maxItems.
        if (items.some((change) => change.path === path && change.narrows && change.widens)) return items;
        changes.push(...items);
      } else if ((before.format === "binary") === (after.format === "binary"))
        changes.push(...formatChanges(before, after, path));
      if ((before.format === "binary") === (after.format === "binary")) {
        if (before.type !== "object")
          changes.push(...boundChanges(before, after, path), ...stepChanges(before, after, path));
        return changes;
      }
    }
  }
  return typeChange(oldSchema, newSchema, context, path);
}

/** A change with no finer structure: classified by inclusion, silent when the two accept the same values. */
function typeChange(oldSchema: Schema, newSchema: Schema, context: CompareContext, path: string): SchemaChange[] {
  const narrows = !isSubset(oldSchema, newSchema, { a: context.old, b: context.new });
  const widens = !isSubset(newSchema, oldSchema, { a: context.new, b: context.old });
  if (!narrows && !widens) return [];
  const from = describeSchema(oldSchema, context.old);
  const to = describeSchema(newSchema, context.new);
  return [{ path, change: from === to ? `type ${from} changed` : `type ${from} → ${to}`, narrows, widens }];
}

function objectChanges(
  before: JsonSchema,
  after: JsonSchema,
  path: string,
  recurse: (o: unknown, n: unknown, at: string) => SchemaChange[],
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const oldProps = (before.properties ?? {}) as Record<string, unknown>;
  const newProps = (after.properties ?? {}) as Record<string, unknown>;
  const oldRequired = new Set((before.required ?? []) as string[]);
  const newRequired = new Set((after.required ?? []) as string[]);
  const keys = [...new Set([...Object.keys(oldProps), ...Object.keys(newProps)])];
  for (const key of keys) {
    const at = join(path, key);
    if (!(key in newProps)) {
      // Old senders keep sending it: a new schema that refuses unknown keys refuses it. Old receivers that required it miss it.
      changes.push({
        path: at,
        change: `field removed (was ${oldRequired.has(key) ? "required" : "optional"})`,
        narrows: after.additionalProperties === false,
        widens: oldRequired.has(key),
      });
    } else if (!(key in oldProps)) {
      changes.push({
        path: at,
        change: `field added (${newRequired.has(key) ? "required" : "optional"})`,
        narrows: newRequired.has(key),
        widens: before.additionalProperties === false,
      });
    } else {
      // A field with a default is sent by every sender (the parsed value travels, default filled) and
      // filled in by every receiver that misses it: required on one side and defaulted on the other
      // travel the same values.
      if (oldRequired.has(key) && !newRequired.has(key)) {
        const filled = hasDefault(newProps[key]);
        changes.push({
          path: at,
          change: filled ? "field became optional, with a default" : "field became optional",
          narrows: false,
          widens: !filled,
        });
      }
      if (!oldRequired.has(key) && newRequired.has(key)) {
        const filled = hasDefault(oldProps[key]);
        changes.push({
          path: at,
          change: filled ? "field became required, was defaulted" : "field became required",
          narrows: !filled,
          widens: false,
        });
      }
      changes.push(...recurse(oldProps[key], newProps[key], at));
    }
  }
  const [oldExtra, newExtra] = [before.additionalProperties, after.additionalProperties];
  if (JSON.stringify(oldExtra) !== JSON.stringify(newExtra)) {
    if (typeof oldExtra === "object" && typeof newExtra === "object")
      changes.push(...recurse(oldExtra, newExtra, join(path, "*")));
    else
      changes.push({
        path,
        change: `other keys: ${extraKeys(oldExtra)} → ${extraKeys(newExtra)}`,
        narrows: rank(newExtra) < rank(oldExtra),
        widens: rank(newExtra) > rank(oldExtra),
      });
  }
  if (JSON.stringify(before.propertyNames) !== JSON.stringify(after.propertyNames))
    changes.push(...recurse(before.propertyNames ?? true, after.propertyNames ?? true, join(path, "(keys)")));
  return changes;
}

/** Whether a property's schema gives a default (Zod's `.default()`, as its input JSON Schema says). */
function hasDefault(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && "default" in schema;
}

/** How many unknown keys an object lets through: refused, stripped (ignored), or kept. */
function rank(extra: unknown): number {
  return extra === false ? 0 : extra === undefined ? 1 : 2;
}

function extraKeys(extra: unknown): string {
  return extra === false ? "refused" : extra === undefined ? "stripped" : extra === true ? "kept" : "checked";
}

function arrayChanges(
  before: JsonSchema,
  after: JsonSchema,
  path: string,
  recurse: (o: unknown, n: unknown, at: string) => SchemaChange[],
): SchemaChange[] {
  const oldTuple = Array.isArray(before.items);
  const newTuple = Array.isArray(after.items);
  if (!oldTuple && !newTuple)
    return before.items === undefined && after.items === undefined
      ? []
      : recurse(before.items ?? true, after.items ?? true, `${path}[]`);
  if (oldTuple && newTuple) {
    const [oldItems, newItems] = [before.items as unknown[], after.items as unknown[]];
    if (oldItems.length !== newItems.length)
      return [{ path, change: `${oldItems.length} items → ${newItems.length}`, narrows: true, widens: true }];
    return oldItems.flatMap((item, index) => recurse(item, newItems[index], `${path}[${index}]`));
  }
  return [{ path, change: oldTuple ? "tuple → array" : "array → tuple", narrows: true, widens: true }];
}

function isLiterals(schema: JsonSchema): boolean {
  return (
    Array.isArray(schema.enum) ||
    (Array.isArray(schema.anyOf) && schema.anyOf.every((branch) => Array.isArray(constraintsOf(branch).enum)))
  );
}

function literalValues(schema: JsonSchema): unknown[] {
  return Array.isArray(schema.enum)
    ? schema.enum
    : (schema.anyOf as unknown[]).flatMap((branch) => constraintsOf(branch).enum as unknown[]);
}

function literalChanges(before: JsonSchema, after: JsonSchema, path: string): SchemaChange[] {
  const key = (value: unknown): string => JSON.stringify(value);
  const [from, to] = [literalValues(before).map(key), literalValues(after).map(key)];
  const added = to.filter((value) => !from.includes(value));
  const removed = from.filter((value) => !to.includes(value));
  const changes: SchemaChange[] = [];
  if (removed.length > 0)
    changes.push({
      path,
      change: `value${removed.length > 1 ? "s" : ""} ${removed.join(", ")} removed`,
      narrows: true,
      widens: false,
    });
  if (added.length > 0)
    changes.push({
      path,
      change: `value${added.length > 1 ? "s" : ""} ${added.join(", ")} added`,
      narrows: false,
      widens: true,
    });
  return changes;
}

interface Variants {
  readonly key: string;
  readonly old: ReadonlyMap<string, unknown>;
  readonly new: ReadonlyMap<string, unknown>;
}

/** The variants of two discriminated unions, by the value of the key every variant pins to one literal. */
function discriminatedVariants(before: JsonSchema, after: JsonSchema): Variants | undefined {
  if (!Array.isArray(before.anyOf) || !Array.isArray(after.anyOf)) return undefined;
  const tags = (branch: unknown): Map<string, string> => {
    const found = new Map<string, string>();
    const properties = (constraintsOf(branch).properties ?? {}) as Record<string, unknown>;
    for (const [name, property] of Object.entries(properties)) {
      const values = constraintsOf(property).enum;
      if (Array.isArray(values) && values.length === 1) found.set(name, JSON.stringify(values[0]));
    }
    return found;
  };
  const branches = [...before.anyOf, ...after.anyOf];
  const candidates = [...tags(branches[0])]
    .map(([name]) => name)
    .filter((name) => branches.every((branch) => tags(branch).has(name)));
  const key = candidates[0];
  if (key === undefined) return undefined;
  const byTag = (list: unknown[]): Map<string, unknown> =>
    new Map(list.map((branch) => [tags(branch).get(key)!, branch]));
  return { key, old: byTag(before.anyOf), new: byTag(after.anyOf) };
}

function unionChanges(
  variants: Variants,
  path: string,
  recurse: (o: unknown, n: unknown, at: string) => SchemaChange[],
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [tag, branch] of variants.old) {
    const at = `${path}(${variants.key}=${tag})`;
    if (!variants.new.has(tag)) changes.push({ path: at, change: "variant removed", narrows: true, widens: false });
    else changes.push(...recurse(branch, variants.new.get(tag), at));
  }
  for (const tag of variants.new.keys()) {
    if (!variants.old.has(tag))
      changes.push({ path: `${path}(${variants.key}=${tag})`, change: "variant added", narrows: false, widens: true });
  }
  return changes;
}

function isUnion(schema: JsonSchema): boolean {
  return (
    Array.isArray(schema.anyOf) || Array.isArray(schema.allOf) || Array.isArray(schema.enum) || schema.not !== undefined
  );
}

function constraintsOf(schema: unknown): JsonSchema {
  const view = typeof schema === "object" && schema !== null ? constraints(schema as JsonSchema) : {};
  return typeof view === "boolean" ? {} : view;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
