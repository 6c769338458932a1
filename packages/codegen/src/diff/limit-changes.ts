import type { JsonSchema } from "../asyncapi/json-schema.js";
import type { SchemaChange } from "./compare-schemas.js";

// The changes to a value's limits (lengths, bounds, multiples, formats, patterns), each classified
// by whether it narrows or widens what the schema accepts.

const BOUNDS: readonly [key: string, label: string, tighterWhenLarger: boolean][] = [
  ["minLength", "minLength", true],
  ["maxLength", "maxLength", false],
  ["minimum", "minimum", true],
  ["exclusiveMinimum", "exclusiveMinimum", true],
  ["maximum", "maximum", false],
  ["exclusiveMaximum", "exclusiveMaximum", false],
  ["minItems", "minItems", true],
  ["maxItems", "maxItems", false],
];

/** Each bound that moved, tighter or looser. */
export function boundChanges(before: JsonSchema, after: JsonSchema, path: string): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [key, label, tighterWhenLarger] of BOUNDS) {
    const [from, to] = [before[key] as number | undefined, after[key] as number | undefined];
    if (from === to) continue;
    const tighter = from === undefined ? true : to === undefined ? false : tighterWhenLarger ? to > from : to < from;
    changes.push({ path, change: `${label} ${from ?? "none"} → ${to ?? "none"}`, narrows: tighter, widens: !tighter });
  }
  return changes;
}

export function stepChanges(before: JsonSchema, after: JsonSchema, path: string): SchemaChange[] {
  const [from, to] = [before.multipleOf as number | undefined, after.multipleOf as number | undefined];
  if (from === to) return [];
  const narrows = to !== undefined && (from === undefined || !Number.isInteger(from / to));
  const widens = from !== undefined && (to === undefined || !Number.isInteger(to / from));
  return [{ path, change: `multipleOf ${from ?? "none"} → ${to ?? "none"}`, narrows, widens }];
}

/** A format and its patterns; Zod writes the pattern of a format (uuid, email...) with it, so a format change says it once. */
export function formatChanges(before: JsonSchema, after: JsonSchema, path: string): SchemaChange[] {
  const [from, to] = [before.format as string | undefined, after.format as string | undefined];
  const patterns = patternChanges(before, after, path);
  if (from === to) return patterns;
  const narrows = to !== undefined || patterns.some((change) => change.narrows);
  const widens = from !== undefined || patterns.some((change) => change.widens);
  return [{ path, change: `format ${from ?? "none"} → ${to ?? "none"}`, narrows, widens }];
}

function patternChanges(before: JsonSchema, after: JsonSchema, path: string): SchemaChange[] {
  const [from, to] = [(before.patterns ?? []) as string[], (after.patterns ?? []) as string[]];
  const added = to.filter((pattern) => !from.includes(pattern));
  const removed = from.filter((pattern) => !to.includes(pattern));
  if (added.length === 0 && removed.length === 0) return [];
  const text = [...added.map((p) => `+/${p}/`), ...removed.map((p) => `-/${p}/`)].join(" ");
  return [{ path, change: `pattern ${text}`, narrows: added.length > 0, widens: removed.length > 0 }];
}
