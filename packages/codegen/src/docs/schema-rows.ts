import { COMPONENTS_PREFIX, type JsonSchema, ZOD_TYPE_KEY } from "../asyncapi/json-schema.js";
import { anchor, escapeHtml, inline } from "./html.js";

/** One line of a fields table: a field (or the value itself), its type, and what else constrains it. */
export interface SchemaRow {
  /** `room`, `author.name`, `history[].text`; empty for the value itself. */
  readonly path: string;
  /** HTML: `string`, `"a" | "b"`, a link to a shared type. */
  readonly type: string;
  readonly required: boolean;
  /** HTML: limits, format, default, description. */
  readonly notes: string;
}

const MAX_DEPTH = 4;
const SAFE_INTEGER = 9007199254740991;

/**
 * A schema as the rows of a fields table: an object's fields one per row, nested objects and
 * arrays of objects expanded with dotted paths (`author.name`, `history[].text`), shared types
 * linked rather than expanded.
 *
 * @example
 * schemaRows({ type: "object", properties: { room: { type: "string" } }, required: ["room"] });
 * // [{ path: "room", type: "string", required: true, notes: "" }]
 */
export function schemaRows(schema: JsonSchema, path = "", required = true, depth = 0): SchemaRow[] {
  const row: SchemaRow = { path, type: typeLabel(schema), required, notes: notes(schema) };
  if (depth >= MAX_DEPTH || typeof schema.$ref === "string") return [row];
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (schema.type === "object" && properties !== undefined) {
    const needed = new Set((schema.required ?? []) as string[]);
    const fields = Object.entries(properties).flatMap(([key, child]) =>
      schemaRows(child, join(path, key), needed.has(key), depth + 1),
    );
    // A whole object is its fields; its description is printed above the table (see rootDescription).
    return path === "" ? fields : [row, ...fields];
  }
  const items = schema.items as JsonSchema | undefined;
  if (
    schema.type === "array" &&
    items !== undefined &&
    !Array.isArray(items) &&
    items.type === "object" &&
    items.properties !== undefined
  ) {
    return [row, ...schemaRows(items, `${path}[]`, true, depth + 1).filter((child) => child.path !== `${path}[]`)];
  }
  return [row];
}

/**
 * A schema's type as a reader would write it in TypeScript: `string`, `number`, `"a" | "b"`,
 * `Message[]`, `[string, boolean]`, `Uint8Array`, `string | null`, shared types as links.
 *
 * @example
 * typeLabel({ type: "array", items: { $ref: "#/components/schemas/Message" } }); // '<a href="#type-message">Message</a>[]'
 */
export function typeLabel(schema: JsonSchema, depth = 0): string {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.slice(COMPONENTS_PREFIX.length);
    return `<a class="type-link" href="#${anchor("type", name)}">${escapeHtml(name)}</a>`;
  }
  if (depth > 3) return "…";
  const inner = (child: unknown): string => typeLabel(child as JsonSchema, depth + 1);
  const zodType = schema[ZOD_TYPE_KEY];
  if (typeof zodType === "string") {
    // A type JSON Schema only approximates: named as the contract's author wrote it.
    const items = schema.items as JsonSchema | undefined;
    if (zodType === "set") return `Set&lt;${items === undefined ? "unknown" : inner(items)}&gt;`;
    if (zodType === "map")
      return Array.isArray(items?.items) ? `Map&lt;${(items.items as JsonSchema[]).map(inner).join(", ")}&gt;` : "Map";
    return escapeHtml(({ date: "Date", nan: "NaN" } as Record<string, string>)[zodType] ?? zodType);
  }
  if ("const" in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(" | ");
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[key])) return schema[key].map(inner).join(" | ");
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.map(inner).join(" &amp; ");
  if (schema.format === "binary") return "Uint8Array";
  if (Array.isArray(schema.type)) return schema.type.map((type) => inner({ ...schema, type })).join(" | ");
  switch (schema.type) {
    case "integer":
      return "integer";
    case "array": {
      if (Array.isArray(schema.items)) return `[${schema.items.map(inner).join(", ")}]`;
      if (schema.items === undefined) return "unknown[]";
      const item = inner(schema.items);
      return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case "object":
      if (schema.properties === undefined && typeof schema.additionalProperties === "object")
        return `Record&lt;string, ${inner(schema.additionalProperties)}&gt;`;
      return "object";
    case undefined:
      return "unknown";
    default:
      return escapeHtml(String(schema.type));
  }
}

/** The description to print above a value's fields table: that of an object, whose own row is left out. */
export function rootDescription(schema: JsonSchema): string | undefined {
  return schema.type === "object" && schema.properties !== undefined && typeof schema.description === "string"
    ? schema.description
    : undefined;
}

/** What constrains a value beyond its type, and its description, as HTML. */
export function notes(schema: JsonSchema): string {
  const parts: string[] = [];
  const range = (min: unknown, max: unknown, unit: string): void => {
    if (typeof min === "number" && typeof max === "number")
      parts.push(min === max ? `exactly ${count(min)} ${unit}` : `${count(min)}–${count(max)} ${unit}`);
    else if (typeof min === "number" && min > 0) parts.push(`at least ${count(min)} ${unit}`);
    else if (typeof max === "number") parts.push(`at most ${count(max)} ${unit}`);
  };
  if (schema.format === "binary") range(schema.minLength, schema.maxLength, "bytes");
  else if (schema.type === "string") range(schema.minLength, schema.maxLength, "characters");
  if (schema.type === "array" && !Array.isArray(schema.items)) range(schema.minItems, schema.maxItems, "items");
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  if (typeof low === "number" && low !== -SAFE_INTEGER)
    parts.push(`${schema.exclusiveMinimum === undefined ? "≥" : ">"} ${low}`);
  if (typeof high === "number" && high !== SAFE_INTEGER)
    parts.push(`${schema.exclusiveMaximum === undefined ? "≤" : "<"} ${high}`);
  if (typeof schema.multipleOf === "number") parts.push(`a multiple of ${schema.multipleOf}`);
  if (typeof schema.format === "string" && schema.format !== "binary")
    parts.push(`format ${escapeHtml(schema.format)}`);
  else if (typeof schema.pattern === "string") parts.push(`matches <code>/${escapeHtml(schema.pattern)}/</code>`);
  if (schema.additionalProperties === false) parts.push("no other keys");
  if (schema.default !== undefined) parts.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  const facts = parts.length === 0 ? "" : `<span class="facts">${parts.join(", ")}</span>`;
  const description =
    typeof schema.description === "string" && schema.format !== "binary"
      ? `<span class="description">${inline(schema.description)}</span>`
      : "";
  return [facts, description].filter(Boolean).join(" ");
}

/** 2000000 as 2,000,000, the same on every machine. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function literal(value: unknown): string {
  return `<code class="literal">${escapeHtml(JSON.stringify(value))}</code>`;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
