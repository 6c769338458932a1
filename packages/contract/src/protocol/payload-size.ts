/**
 * The size in bytes of values as they travel: the UTF-8 length of their JSON text, plus the bytes of
 * every binary attachment (counted once, where Socket.IO puts a short placeholder in the text,
 * counted here as one byte). Measured on demand by interceptors (a span's
 * `messaging.message.body.size`), never per event unless one asks. It walks the values once and
 * builds no text: on a ~1 KB payload that is several times cheaper than `JSON.stringify`.
 */
export function payloadSize(values: readonly unknown[]): number {
  return sizeOf(values, "", 0);
}

/** Deeper than this, a value counts as nothing (Socket.IO could not encode it anyway). */
const MAX_DEPTH = 1_000;

/** A character JSON escapes, or one UTF-8 writes in more than one byte: the string needs counting. */
const NEEDS_COUNTING = /["\\\u0000-\u001f\u007f-\uffff]/;

/** Member names repeat from payload to payload: their size (quotes and colon included), remembered. */
const NAME_SIZES = new Map<string, number>();
const MAX_NAMES = 1_024;
const MAX_NAME_LENGTH = 64;

function sizeOf(value: unknown, key: string, depth: number): number {
  switch (typeof value) {
    case "string":
      return stringSize(value);
    case "number":
      return numberSize(value);
    case "boolean":
      return value ? 4 : 5;
    case "bigint":
      return String(value).length;
    case "object":
      return value === null ? 4 : objectSize(value, key, depth);
    default:
      return 4; // undefined, a function or a symbol: "null" in an array; an object leaves its key out before asking
  }
}

function objectSize(value: object, key: string, depth: number): number {
  if (depth > MAX_DEPTH) return 0;
  // A plain object or array (most of a payload) is not binary: the two prototype checks come first.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype) {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 1 + value.byteLength;
    if (typeof Blob !== "undefined" && value instanceof Blob) return 1 + value.size;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return sizeOf(toJSON.call(value, key), key, depth + 1);
  if (Array.isArray(value)) {
    // Brackets and commas; the index as toJSON's key is left out (no built-in toJSON reads it).
    let size = value.length === 0 ? 2 : 1 + value.length;
    for (let index = 0; index < value.length; index++) size += sizeOf(value[index], "", depth + 1);
    return size;
  }
  // Braces and commas: 1 for "{", then each member adds its own separator ("," or the closing "}").
  let size = 1;
  // Object.keys is what JSON lists; V8 answers it from the object's enumeration cache.
  const names = Object.keys(value);
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    const member = (value as Record<string, unknown>)[name];
    const kind = typeof member;
    if (kind === "undefined" || kind === "function" || kind === "symbol") continue;
    size += nameSize(name) + sizeOf(member, name, depth + 1);
  }
  return size === 1 ? 2 : size;
}

/** A member name's quoted text, its colon and its separator. */
function nameSize(name: string): number {
  // A short name is scanned faster than it is looked up.
  if (name.length <= 16 && isPlain(name)) return name.length + 4;
  let size = NAME_SIZES.get(name);
  if (size === undefined) {
    size = stringSize(name) + 2;
    if (name.length <= MAX_NAME_LENGTH && NAME_SIZES.size < MAX_NAMES) NAME_SIZES.set(name, size);
  }
  return size;
}

/** How many characters JSON writes for a number; integers and short decimals are counted without building their text. */
function numberSize(value: number): number {
  if (!Number.isFinite(value)) return 4;
  if (Number.isInteger(value)) return value < 1e21 && value > -1e21 ? integerSize(value) : String(value).length;
  return decimalSize(value);
}

/** The digits of an integer below 1e21 in magnitude (and its sign). */
function integerSize(value: number): number {
  let digits = 1;
  let rest = value;
  if (rest < 0) {
    digits = 2;
    rest = -rest;
  }
  // Powers of ten below 1e22 are exact doubles.
  for (let power = 10; rest >= power; power *= 10) digits++;
  return digits;
}

/**
 * A number with a fraction: one with at most three decimals (a price, a ratio) is counted from
 * its scaled integer; any other is written out. Below 1e9 the scaled value stays far under 2^53,
 * so `Math.round(value * power)` is the exact k-decimal integer and `scaled / power === value`
 * holds only when that k-decimal text reads back as `value` (division rounds correctly, as parsing
 * does); the first k that does is the shortest text, which is what JSON writes.
 */
function decimalSize(value: number): number {
  const magnitude = value < 0 ? -value : value;
  if (magnitude >= 1e-3 && magnitude < 1e9) {
    const whole = integerSize(Math.trunc(value)) + (value < 0 && value > -1 ? 1 : 0);
    for (let decimals = 1, power = 10; decimals <= 3; decimals++, power *= 10) {
      if (Math.round(value * power) / power === value) return whole + 1 + decimals;
    }
  }
  return String(value).length;
}

/** The UTF-8 length of a string as JSON writes it: quotes, escapes, and lone surrogates as `\uXXXX`. */
function stringSize(text: string): number {
  // Most text is printable ASCII: its JSON is the text and two quotes, found by one native scan.
  if (text.length > 16 ? !NEEDS_COUNTING.test(text) : isPlain(text)) return text.length + 2;
  let bytes = 2;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20) bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    else if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 6;
    } else if (code >= 0xdc00 && code <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** A short string of printable ASCII without quote or backslash (scanned here: a regex call costs more). */
function isPlain(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || code >= 0x7f) return false;
  }
  return true;
}
