import { binaryOptionsOf } from "./binary.js";
import { filedFingerprint, registerFingerprint } from "./fingerprint-registry.js";
import { isZodSchema } from "./schema-kind.js";
import { standardSupport } from "./protocol/standard-support.js";
import { streamOfInfo } from "./stream-of.js";
import type { AnySchema, ContractDefinition, EventMap } from "./types.js";

/**
 * A stable hash of a contract's wire shape: its namespaces, the `auth` each one checks, and the
 * arguments, acknowledgement and error data of every event, as what a sender may put on the wire.
 * Descriptions, the version, `data` (server-side only), error messages and the order of keys do not
 * change it. Read from the schemas' own definitions (no JSON Schema, nothing that would grow a
 * browser bundle), the same in Node and in a browser, for classic Zod and `zod/mini` alike, once
 * per contract, so a client and a server can compare theirs in the handshake. Generated code
 * carries it ready-made (`registerFingerprint`), so a generated client does not compute it. A schema
 * of another library is read through the Standard Schema support (see `standard-shape.ts`).
 *
 * @example
 * contractFingerprint(contract); // "fnv1a64:5b1f0c2e9d3a7780"
 */
export function contractFingerprint(contract: ContractDefinition): string {
  let fingerprint = filedFingerprint(contract);
  if (fingerprint === undefined) {
    fingerprint = `fnv1a64:${fnv1a64(wireShapeOf(contract))}`;
    registerFingerprint(contract, fingerprint);
  }
  return fingerprint;
}

function wireShapeOf(contract: ContractDefinition): string {
  const namespaces: Record<string, unknown> = {};
  for (const path of Object.keys(contract.namespaces).sort()) {
    const namespace = contract.namespaces[path as `/${string}`]!;
    namespaces[path] = {
      auth: namespace.auth === undefined ? null : shapeOf(namespace.auth, []),
      c2s: eventsShape(namespace.clientToServer),
      s2c: eventsShape(namespace.serverToClient),
    };
  }
  return JSON.stringify({ ns: namespaces, s2s: eventsShape(contract.serverToServer) });
}

function eventsShape(events: EventMap | undefined): unknown {
  const shape: Record<string, unknown> = {};
  for (const name of Object.keys(events ?? {}).sort()) {
    const event = events![name]!;
    const errors: Record<string, unknown> = {};
    for (const code of Object.keys(event.errors ?? {}).sort()) errors[code] = shapeOf(event.errors![code]!, []);
    const eventShape: Record<string, unknown> = {
      args: event.args.map((arg) => shapeOf(arg, [])),
      ack: event.ack === undefined ? null : shapeOf(event.ack, []),
      errors,
    };
    // Added only where declared, so a contract without streams prints as it would without them.
    if (event.stream !== undefined) eventShape.stream = shapeOf(event.stream, []);
    shape[name] = eventShape;
  }
  return shape;
}

/**
 * Keys of a definition that say nothing about what a sender may send: messages, and the values a
 * receiver fills in (a default may be a function of the time, and is no part of the input).
 */
const SKIPPED_KEYS = new Set(["error", "defaultValue", "catchValue"]);
/** Checks that only document a schema (`zod/mini`'s `z.describe()` and `z.meta()`). */
const DOCUMENTATION_CHECKS = new Set(["describe", "meta"]);

/**
 * A schema's definition as plain JSON: keys sorted, functions (messages, refinements, transforms)
 * left out, and a schema met again inside itself written as how many levels up it opened, so a
 * recursive schema ends. What a sender puts on the wire is the input side: a pipe is its input.
 * `open` holds the schemas being written, outermost first.
 */
function shapeOf(schema: AnySchema, open: AnySchema[]): unknown {
  // A schema of another library is read by the Standard Schema support (see `standardShapeOf`).
  if (!isZodSchema(schema)) return { standard: standardSupport().shapeOf(schema) };
  const binary = binaryOptionsOf(schema);
  if (binary !== undefined) return { binary: [binary.minBytes ?? null, binary.maxBytes ?? null] };
  // A stream's window is flow control, not shape: peers with other windows speak the same contract.
  const stream = streamOfInfo(schema);
  if (stream !== undefined) return { streamOf: [shapeOf(stream.item, open), stream.maxItems ?? null] };
  const depth = open.lastIndexOf(schema);
  if (depth !== -1) return `^${open.length - depth}`;
  const def = schema._zod.def as unknown as Record<string, any>;
  if (def.type === "pipe") return shapeOf(def.in._zod.def.type === "transform" ? def.out : def.in, open);
  open.push(schema);
  const shape = def.type === "lazy" ? { lazy: shapeOf(def.getter(), open) } : shapeOfValue(def, open);
  open.pop();
  return shape;
}

function shapeOfValue(value: unknown, open: AnySchema[]): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value !== "object" || value === null) return value;
  if (isZodSchema(value)) return shapeOf(value, open);
  if (Array.isArray(value))
    return value
      .filter(
        (item) => !(isZodSchema(item) && DOCUMENTATION_CHECKS.has((item._zod.def as { check?: string }).check ?? "")),
      )
      .map((item) => shapeOfValue(item, open));
  if (value instanceof RegExp) return String(value);
  if (value instanceof Date) return value.toISOString();
  const record = value as Record<string, unknown>;
  const shape: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (!SKIPPED_KEYS.has(key) && typeof record[key] !== "function") shape[key] = shapeOfValue(record[key], open);
  }
  return shape;
}

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes, as 16 hex digits. Computed in 16-bit limbs so it needs
 * no BigInt. Not a cryptographic hash: it tells versions apart, it does not authenticate anyone.
 * Internal (exported for its test).
 *
 * @example
 * fnv1a64("a"); // "af63dc4c8601ec8c"
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // The offset basis 0xcbf29ce484222325, split into 16-bit limbs (high to low).
  let h3 = 0xcbf2;
  let h2 = 0x9ce4;
  let h1 = 0x8422;
  let h0 = 0x2325;
  for (const byte of bytes) {
    h0 ^= byte;
    // Multiply by the prime 0x100000001b3 = 2^40 + 0x1b3, limb by limb, keeping 64 bits.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3;
    const t3 = h3 * 0x1b3;
    const c1 = t1 + (t0 >>> 16);
    const c2 = t2 + (c1 >>> 16) + (h0 << 8);
    const c3 = t3 + (c2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = c1 & 0xffff;
    h2 = c2 & 0xffff;
    h3 = c3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, "0")).join("");
}
