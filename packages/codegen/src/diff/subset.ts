import type { JsonSchema } from "../asyncapi/json-schema.js";
import { type Components, type Schema, constraints, deref, isAny, isNever, refName } from "./schema-view.js";

/** Both sides of a comparison: what `a`'s and `b`'s `$ref`s point to. */
export interface Sides {
  readonly a: Components;
  readonly b: Components;
}

/**
 * Whether every value `a` accepts, `b` accepts too, for the JSON Schemas Zod writes. Conservative:
 * `false` whenever it cannot show inclusion. Senders are assumed to send the keys their schema
 * declares plus, perhaps, unknown junk keys that a stripping object ignores: so a field that `b`
 * adds as optional does not make `a` escape `b`, but a `b` that refuses unknown keys does.
 *
 * @example
 * isSubset({ type: "integer" }, { type: "number" }, { a: {}, b: {} }); // true
 */
export function isSubset(a: Schema, b: Schema, sides: Sides, seen = new Set<string>()): boolean {
  const refs = `${refName(a) ?? ""}|${refName(b) ?? ""}`;
  if (refs !== "|") {
    // A recursive schema is assumed included while its inclusion is being shown (coinduction).
    if (seen.has(refs)) return true;
    seen = new Set(seen).add(refs);
  }
  const left = constraints(deref(a, sides.a));
  const right = constraints(deref(b, sides.b));
  if (isAny(right) || isNever(left)) return true;
  if (typeof right === "boolean") return false;
  if (typeof left === "boolean") return false;
  const sub = (x: unknown, y: unknown): boolean => isSubset(x as Schema, y as Schema, sides, seen);
  if (Array.isArray(left.anyOf)) return left.anyOf.every((branch) => sub(branch, right));
  if (Array.isArray(left.allOf) && left.allOf.some((part) => sub(part, right))) return true;
  if (Array.isArray(right.allOf)) return right.allOf.every((part) => sub(left, part));
  const values = Array.isArray(left.enum)
    ? left.enum
    : left.type === "boolean"
      ? [true, false]
      : left.type === "null"
        ? [null]
        : undefined;
  if (values !== undefined && (Array.isArray(right.enum) || Array.isArray(right.anyOf)))
    return values.every((value) => accepts(right, value, sides.b));
  if (Array.isArray(right.anyOf)) return right.anyOf.some((branch) => sub(left, branch));
  if (Array.isArray(left.enum)) return left.enum.every((value) => accepts(right, value, sides.b));
  if (Array.isArray(right.enum) || right.not !== undefined || left.not !== undefined) return false;
  const type = left.type as string | undefined;
  if (type === undefined || right.type === undefined)
    return right.type === undefined && type !== undefined && sameKind(left, right, sub);
  if (!(type === right.type || (type === "integer" && right.type === "number"))) return false;
  return sameKind(left, right, sub);
}

function sameKind(left: JsonSchema, right: JsonSchema, sub: (x: unknown, y: unknown) => boolean): boolean {
  switch (left.type) {
    case "string":
      return (
        within(left, right, "minLength", "maxLength") &&
        (right.format === undefined || right.format === left.format) &&
        every(right.patterns, (p) => includes(left.patterns, p))
      );
    case "number":
    case "integer":
      return numbersWithin(left, right);
    case "array":
      return arrayWithin(left, right, sub);
    case "object":
      return objectWithin(left, right, sub);
    default:
      return true;
  }
}

function within(left: JsonSchema, right: JsonSchema, min: string, max: string): boolean {
  const [lMin, rMin] = [(left[min] as number | undefined) ?? 0, (right[min] as number | undefined) ?? 0];
  const [lMax, rMax] = [(left[max] as number | undefined) ?? Infinity, (right[max] as number | undefined) ?? Infinity];
  return lMin >= rMin && lMax <= rMax;
}

function numbersWithin(left: JsonSchema, right: JsonSchema): boolean {
  const low = (s: JsonSchema): [number, boolean] => {
    const inclusive = (s.minimum as number | undefined) ?? -Infinity;
    const exclusive = (s.exclusiveMinimum as number | undefined) ?? -Infinity;
    return exclusive >= inclusive ? [exclusive, exclusive !== -Infinity] : [inclusive, false];
  };
  const high = (s: JsonSchema): [number, boolean] => {
    const inclusive = (s.maximum as number | undefined) ?? Infinity;
    const exclusive = (s.exclusiveMaximum as number | undefined) ?? Infinity;
    return exclusive <= inclusive ? [exclusive, exclusive !== Infinity] : [inclusive, false];
  };
  const [[lLow, lLowEx], [rLow, rLowEx]] = [low(left), low(right)];
  const [[lHigh, lHighEx], [rHigh, rHighEx]] = [high(left), high(right)];
  const lowOk = lLow > rLow || (lLow === rLow && (lLowEx || !rLowEx));
  const highOk = lHigh < rHigh || (lHigh === rHigh && (lHighEx || !rHighEx));
  const step = right.multipleOf as number | undefined;
  const stepOk =
    step === undefined ||
    (typeof left.multipleOf === "number" && Number.isInteger(left.multipleOf / step)) ||
    (step === 1 && left.type === "integer");
  const integerOk = right.type !== "integer" || left.type === "integer";
  return lowOk && highOk && stepOk && integerOk;
}

interface ArrayView {
  readonly prefix: readonly unknown[];
  /** The schema of items past the prefix: `false` for none. */
  readonly rest: unknown;
  readonly min: number;
  readonly max: number;
}

function arrayView(schema: JsonSchema): ArrayView {
  const prefix = Array.isArray(schema.items) ? schema.items : [];
  const rest = Array.isArray(schema.items) ? (schema.additionalItems ?? true) : (schema.items ?? true);
  const max = Math.min((schema.maxItems as number | undefined) ?? Infinity, rest === false ? prefix.length : Infinity);
  return { prefix, rest, min: (schema.minItems as number | undefined) ?? 0, max };
}

function arrayWithin(left: JsonSchema, right: JsonSchema, sub: (x: unknown, y: unknown) => boolean): boolean {
  const l = arrayView(left);
  const r = arrayView(right);
  if (l.min < r.min || l.max > r.max) return false;
  const positions = Math.max(l.prefix.length, r.prefix.length) + 1;
  for (let index = 0; index < positions && index < l.max; index++) {
    const item = index < l.prefix.length ? l.prefix[index] : l.rest;
    const target = index < r.prefix.length ? r.prefix[index] : r.rest;
    if (item === false) break;
    if (!sub(item, target)) return false;
  }
  return true;
}

function objectWithin(left: JsonSchema, right: JsonSchema, sub: (x: unknown, y: unknown) => boolean): boolean {
  const lProps = (left.properties ?? {}) as Record<string, unknown>;
  const rProps = (right.properties ?? {}) as Record<string, unknown>;
  const lRequired = new Set((left.required ?? []) as string[]);
  if (!((right.required ?? []) as string[]).every((key) => lRequired.has(key))) return false;
  const rExtra = right.additionalProperties;
  for (const [key, schema] of Object.entries(lProps)) {
    const target = key in rProps ? rProps[key] : (rExtra ?? true);
    if (!sub(schema, target)) return false;
    if (right.propertyNames !== undefined && !accepts(right.propertyNames as Schema, key, {})) return false;
  }
  // Keys `left` does not declare: junk from a stripping object, or the values of a record.
  const lExtra = left.additionalProperties;
  if (lExtra === false) return true;
  if (lExtra === undefined) return rExtra === undefined || isAny(rExtra as Schema);
  for (const [key, schema] of Object.entries(rProps)) if (!(key in lProps) && !sub(lExtra, schema)) return false;
  if (
    right.propertyNames !== undefined &&
    (left.propertyNames === undefined || !sub(left.propertyNames, right.propertyNames))
  )
    return false;
  return rExtra === undefined || sub(lExtra, rExtra);
}

/**
 * Whether a schema accepts one JSON value.
 *
 * @example
 * accepts({ enum: ["a", "b"] }, "a", {}); // true
 */
export function accepts(schema: Schema, value: unknown, components: Components, depth = 0): boolean {
  if (depth > 64) return false;
  const view = constraints(deref(schema, components));
  if (typeof view === "boolean") return view;
  const check = (child: unknown, item: unknown): boolean => accepts(child as Schema, item, components, depth + 1);
  if (Array.isArray(view.enum) && !view.enum.some((option) => JSON.stringify(option) === JSON.stringify(value)))
    return false;
  if (Array.isArray(view.anyOf) && !view.anyOf.some((branch) => check(branch, value))) return false;
  if (Array.isArray(view.allOf) && !view.allOf.every((part) => check(part, value))) return false;
  if (view.not !== undefined && check(view.not, value)) return false;
  if (view.type !== undefined && !hasType(view.type as string, value)) return false;
  if (typeof value === "string") {
    if (
      value.length < ((view.minLength as number | undefined) ?? 0) ||
      value.length > ((view.maxLength as number | undefined) ?? Infinity)
    )
      return false;
    return every(view.patterns, (pattern) => safeTest(pattern, value));
  }
  if (typeof value === "number") {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = view as Record<
      string,
      number | undefined
    >;
    if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) return false;
    if (
      (exclusiveMinimum !== undefined && value <= exclusiveMinimum) ||
      (exclusiveMaximum !== undefined && value >= exclusiveMaximum)
    )
      return false;
    return multipleOf === undefined || Number.isInteger(value / multipleOf);
  }
  if (Array.isArray(value)) {
    const { prefix, rest, min, max } = arrayView(view);
    return (
      value.length >= min &&
      value.length <= max &&
      value.every((item, index) => check(index < prefix.length ? prefix[index] : rest, item))
    );
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const properties = (view.properties ?? {}) as Record<string, unknown>;
    if (!((view.required ?? []) as string[]).every((key) => key in record)) return false;
    return Object.entries(record).every(([key, item]) =>
      check(key in properties ? properties[key] : (view.additionalProperties ?? true), item),
    );
  }
  return true;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return false;
  }
}

function every(list: unknown, test: (item: string) => boolean): boolean {
  return !Array.isArray(list) || list.every((item) => test(item as string));
}

function includes(list: unknown, item: string): boolean {
  return Array.isArray(list) && list.includes(item);
}
