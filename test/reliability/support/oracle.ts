import * as core from "zod/v4/core";
import { answerOf, fuzzContract } from "../fixtures/fuzz-contract.js";

const events = fuzzContract.namespaces["/fuzz"].clientToServer as Record<
  string,
  { args: readonly core.$ZodType[]; ack?: core.$ZodType }
>;

/** One generated call: an event name, the raw arguments, and whether an ack callback goes with them. */
export interface Case {
  readonly event: string;
  readonly args: readonly unknown[];
  readonly callback: boolean;
}

export type Expected =
  | { readonly handled: true; readonly args: unknown[]; readonly ack: unknown }
  | { readonly handled: false; readonly code: string };

/**
 * What the server must do with a call, decided from the contract's own schemas and DESIGN.md's rules
 * (own-key lookup, MISSING_ACK, strict arity, a top-level `null` read as an omitted argument),
 * applied to what actually crosses the wire.
 */
export function expectedOf(call: Case): Expected {
  if (!Object.hasOwn(events, call.event)) return { handled: false, code: "UNKNOWN_EVENT" };
  const definition = events[call.event]!;
  if (definition.ack !== undefined && !call.callback) return { handled: false, code: "MISSING_ACK" };
  const args = call.args.map((arg) => onWire(arg, true));
  if (args.length !== definition.args.length) return { handled: false, code: "INVALID_PAYLOAD" };
  const parsed: unknown[] = [];
  for (const [index, schema] of definition.args.entries()) {
    if (RECURSIVE.has(call.event) && depthOf(args[index]) > MAX_DEPTH)
      return { handled: false, code: "INVALID_PAYLOAD" };
    let result = safeParse(schema, args[index]);
    if (!result.ok && args[index] === null) result = safeParse(schema, undefined);
    if (!result.ok) return { handled: false, code: "INVALID_PAYLOAD" };
    parsed.push(result.value);
  }
  const ack = definition.ack === undefined ? undefined : onWire(answerOf(call.event, parsed), true);
  return { handled: true, args: parsed, ack };
}

/** The events whose schemas are recursive (`z.json()`): there, input nested deeper than `maxDepth` (default 128) is refused unparsed. */
const RECURSIVE = new Set(["json:any"]);
const MAX_DEPTH = 128;

/** How many arrays and objects nest in a value, bytes counting as none (the generated input nests at most 1,000 levels). */
function depthOf(value: unknown): number {
  if (typeof value !== "object" || value === null || Buffer.isBuffer(value)) return 0;
  let deepest = 0;
  for (const item of Object.values(value)) deepest = Math.max(deepest, depthOf(item));
  return deepest + 1;
}

function safeParse(schema: core.$ZodType, value: unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    const result = core.safeParse(schema, value);
    return result.success ? { ok: true, value: result.data } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** A value as the receiver gets it: JSON for everything but bytes, which arrive as a Buffer. */
export function onWire(value: unknown, inArray = false): unknown {
  if (isBytes(value)) return Buffer.from(bytesOf(value));
  if (value === undefined || typeof value === "function") return inArray ? null : undefined;
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (Array.isArray(value)) return value.map((item) => onWire(item, true));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = onWire((value as Record<string, unknown>)[key]);
      // defineProperty, so that a "__proto__" key stays a key, as JSON.parse makes it.
      if (item !== undefined)
        Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** A form `toEqual` compares by content: bytes become their hex, whatever their class. */
export function comparable(value: unknown): unknown {
  if (isBytes(value)) return { bytes: Buffer.from(bytesOf(value)).toString("hex") };
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      Object.defineProperty(out, key, { value: comparable((value as Record<string, unknown>)[key]), enumerable: true });
    return out;
  }
  return value;
}

function isBytes(value: unknown): value is ArrayBuffer | Uint8Array {
  return value instanceof ArrayBuffer || value instanceof Uint8Array;
}

function bytesOf(value: ArrayBuffer | Uint8Array): Uint8Array {
  return value instanceof ArrayBuffer ? new Uint8Array(value) : value;
}
