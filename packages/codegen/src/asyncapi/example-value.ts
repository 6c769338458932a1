import { COMPONENTS_PREFIX, type JsonSchema } from "./json-schema.js";
import { regexExample } from "./regex-example.js";

/** Stands for bytes in an example: JSON has no form for them. */
export class BinaryExample {
  constructor(readonly maxBytes: number | undefined) {}
}

/** Strings tried, in order, against a `pattern` the example must match. */
const PATTERN_CANDIDATES = [
  "user@example.com",
  "https://example.com",
  "2026-01-01T12:00:00Z",
  "2026-01-01",
  "12:00:00",
  "00000000-0000-4000-8000-000000000000",
  "example",
  "Example",
  "EXAMPLE",
  "abc123",
  "a",
  "1",
  "",
];

const FORMATS: Record<string, string> = {
  email: "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  "date-time": "2026-01-01T12:00:00Z",
  date: "2026-01-01",
  time: "12:00:00",
  uuid: "00000000-0000-4000-8000-000000000000",
  ipv4: "127.0.0.1",
  ipv6: "::1",
  // Zod's other string formats, each a value its own check accepts.
  guid: "00000000-0000-4000-8000-000000000000",
  cuid: "cjld2cjxh0000qzrmn831i7rn",
  cuid2: "tz4a98xxat96iws9zmbrgj3a",
  ulid: "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  nanoid: "V1StGXR8_Z5jdHi6B-myT",
  xid: "9m4e2mr0ui3e8a215n4g",
  ksuid: "0ujtsYcgvSTl8PAuAdqWYSMnLOv",
  e164: "+14155550123",
  base64: "ZXhhbXBsZQ==",
  base64url: "ZXhhbXBsZQ",
  jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
  duration: "P3D",
  cidrv4: "192.168.0.0/24",
  cidrv6: "2001:db8::/32",
  emoji: "👋",
  hostname: "example.com",
  mac: "00:1a:2b:3c:4d:5e",
};

const MAX_DEPTH = 8;

/**
 * A plausible value for a wire schema: the schema's own `examples` or `default` first, else one
 * built from its type and limits (a string is named after its property). `undefined` when none can
 * be made (a `not`, or a pattern none of the usual strings match). Bytes are a `BinaryExample`.
 *
 * @example
 * exampleOf({ type: "object", properties: { room: { type: "string" } }, required: ["room"] }, {}); // { room: "room" }
 */
export function exampleOf(
  schema: JsonSchema,
  components: Readonly<Record<string, JsonSchema>>,
  key = "",
  depth = 0,
): unknown {
  if (depth > MAX_DEPTH) return undefined;
  const next = (child: unknown, childKey = key): unknown =>
    isSchema(child) ? exampleOf(child, components, childKey, depth + 1) : undefined;
  if (typeof schema.$ref === "string") return next(components[schema.$ref.slice(COMPONENTS_PREFIX.length)]);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.format === "binary")
    return new BinaryExample(typeof schema.maxLength === "number" ? schema.maxLength : undefined);
  for (const union of ["anyOf", "oneOf"] as const) {
    const branches = schema[union];
    if (Array.isArray(branches))
      return branches.map((branch) => next(branch)).find((value) => value !== undefined && value !== null) ?? null;
  }
  if (Array.isArray(schema.allOf)) return mergeAll(schema.allOf.map((part) => next(part)));
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") ?? "null") : schema.type;
  switch (type) {
    case "string":
      return stringExample(schema, key);
    case "number":
    case "integer":
      return numberExample(schema, type === "integer");
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return arrayExample(schema, next);
    case "object":
      return objectExample(schema, next);
    default:
      return schema.not === undefined && Object.keys(schema).every((k) => k === "description" || k === "title")
        ? null
        : undefined;
  }
}

function stringExample(schema: JsonSchema, key: string): string | undefined {
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  const fits = (text: string): boolean =>
    text.length >= min && text.length <= max && patterns(schema).every((pattern) => pattern.test(text));
  const wanted = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  const base = /^[A-Za-z][A-Za-z0-9]*$/.test(key) ? key : "text";
  const padded = base.length >= min ? base.slice(0, Math.max(max, 0)) : base + "x".repeat(min - base.length);
  // The key in the forms a pattern tends to allow (`orgId`, `orgid`, `org-id`), then a string built from the pattern itself.
  const forms = [padded, padded.toLowerCase(), padded.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()];
  const built = patterns(schema).length === 1 ? regexExample(patterns(schema)[0]!.source, min, max) : undefined;
  return [wanted, ...forms, built, ...PATTERN_CANDIDATES].find(
    (text): text is string => text !== undefined && fits(text),
  );
}

function patterns(schema: JsonSchema): RegExp[] {
  const found: RegExp[] = [];
  const collect = (part: unknown): void => {
    if (!isSchema(part)) return;
    if (typeof part.pattern === "string") {
      try {
        found.push(new RegExp(part.pattern, "u"));
      } catch {
        found.push(/(?!)/);
      }
    }
    if (Array.isArray(part.allOf)) part.allOf.forEach(collect);
  };
  collect(schema);
  return found;
}

function numberExample(schema: JsonSchema, integer: boolean): number {
  const gap = integer ? 1 : 0.5;
  let low = typeof schema.minimum === "number" ? schema.minimum : Number.NEGATIVE_INFINITY;
  if (typeof schema.exclusiveMinimum === "number") low = Math.max(low, schema.exclusiveMinimum + gap);
  let high = typeof schema.maximum === "number" ? schema.maximum : Number.POSITIVE_INFINITY;
  if (typeof schema.exclusiveMaximum === "number") high = Math.min(high, schema.exclusiveMaximum - gap);
  let value = Math.min(Math.max(1, low), high);
  const step = typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (step !== undefined)
    value = Math.ceil(value / step) * step > high ? Math.floor(value / step) * step : Math.ceil(value / step) * step;
  return value;
}

function arrayExample(schema: JsonSchema, next: (child: unknown, key?: string) => unknown): unknown[] | undefined {
  if (Array.isArray(schema.items)) {
    const items = schema.items.map((item) => next(item));
    return items.includes(undefined) ? undefined : items;
  }
  const max = typeof schema.maxItems === "number" ? schema.maxItems : 1;
  const count = Math.min(Math.max(typeof schema.minItems === "number" ? schema.minItems : 1, 1), max);
  if (count === 0) return [];
  const item = isSchema(schema.items) ? next(schema.items) : null;
  return item === undefined ? undefined : Array.from({ length: count }, () => item);
}

function objectExample(
  schema: JsonSchema,
  next: (child: unknown, key?: string) => unknown,
): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  const properties = (isSchema(schema.properties) ? schema.properties : {}) as Record<string, unknown>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const [name, property] of Object.entries(properties)) {
    const value = next(property, name);
    if (value === undefined) {
      if (required.includes(name)) return undefined;
    } else result[name] = value;
  }
  if (isSchema(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0) {
    const names =
      isSchema(schema.propertyNames) && Array.isArray(schema.propertyNames.enum)
        ? (schema.propertyNames.enum as string[])
        : ["key"];
    for (const name of names.filter((n) => !(n in result)).slice(0, Math.max(1, required.length))) {
      const value = next(schema.additionalProperties, name);
      if (value === undefined) return undefined;
      result[name] = value;
    }
  }
  return required.every((name) => name in result) ? result : undefined;
}

function mergeAll(parts: unknown[]): unknown {
  if (parts.includes(undefined)) return undefined;
  if (parts.every((part) => typeof part === "object" && part !== null && !Array.isArray(part)))
    return Object.assign({}, ...parts);
  return parts[0];
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
