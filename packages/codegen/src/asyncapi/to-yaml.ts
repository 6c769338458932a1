/**
 * JSON data as block-style YAML 1.2, deterministic and without a dependency. Strings that could
 * be read as anything but themselves (`yes`, `1.0`, `- a`, `a: b`, leading spaces...) are written
 * as JSON strings, which YAML reads as double-quoted scalars; so is every key that is not a plain
 * word. Multi-line strings become literal blocks (`|-`).
 *
 * @example
 * toYaml({ asyncapi: "3.0.0", info: { title: "chat" } }); // 'asyncapi: 3.0.0\ninfo:\n  title: chat\n'
 */
export function toYaml(value: unknown): string {
  return `${block(value, 0).join("\n")}\n`;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$.\-/]*$/;
const RESERVED_WORDS = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = /^[-+.]?(?:\d|\.(?:inf|nan))|^0x|^0o/i;

function block(value: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isInline(item)) return [`${pad}- ${scalar(item, indent + 2)}`];
      const lines = block(item, indent + 2);
      return [`${pad}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1)];
    });
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([key, child]) => {
      const name = PLAIN_KEY.test(key) && !RESERVED_WORDS.test(key) ? key : JSON.stringify(key);
      if (isInline(child)) return [`${pad}${name}: ${scalar(child, indent + 2)}`];
      return [`${pad}${name}:`, ...block(child, indent + 2)];
    });
  }
  return [`${pad}${scalar(value, indent)}`];
}

/** Scalars and empty collections fit on their key's line. */
function isInline(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every((child) => child === undefined);
  return true;
}

function scalar(value: unknown, indent: number): string {
  if (Array.isArray(value)) return "[]";
  if (isRecord(value)) return "{}";
  if (typeof value === "string") return text(value, indent);
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  return String(value);
}

function text(value: string, indent: number): string {
  if (
    value.includes("\n") &&
    !/[^\S\n ]|^ |\s$|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)
  ) {
    const pad = " ".repeat(indent);
    return `|-\n${value
      .split("\n")
      .map((line) => (line === "" ? "" : pad + line))
      .join("\n")}`;
  }
  const plain =
    value !== "" &&
    !RESERVED_WORDS.test(value) &&
    !NUMBER_LIKE.test(value) &&
    /^[A-Za-z0-9_/(][^\n]*$/.test(value) &&
    !/:\s|\s#|:$|\s$|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value);
  return plain ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
