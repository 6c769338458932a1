import type { Carrier } from "../interceptor.js";

/**
 * The key, inside the handshake's `"~contract"` entry, by which a bound client says that every
 * event it sends carries one more argument, last before the ack callback: a carrier of trace
 * context. Its value is the carrier of the connection attempt itself. A plain Socket.IO client
 * never sends it, so the server never expects the extra argument from one.
 */
export const CARRIER_KEY = "carrier";

const MAX_FIELDS = 8;
const MAX_KEY = 64;
const MAX_VALUE = 1024;
const EMPTY: Readonly<Carrier> = Object.freeze(Object.create(null) as Carrier);

/**
 * A carrier read from untrusted input: a plain object of at most 8 string fields (keys up to 64
 * characters, values up to 1,024); anything else reads as the empty carrier, since telemetry must
 * never refuse an event. The result has no prototype, so `__proto__` or `toString` are just keys.
 */
export function readCarrier(value: unknown): Readonly<Carrier> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return EMPTY;
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.length > MAX_FIELDS) return EMPTY;
  const carrier = Object.create(null) as Carrier;
  for (const key of keys) {
    const field = (value as Record<string, unknown>)[key];
    if (key.length > MAX_KEY || typeof field !== "string" || field.length > MAX_VALUE) return EMPTY;
    carrier[key] = field;
  }
  return carrier;
}

/** The empty carrier, shared: what a peer that propagates nothing gets. */
export function emptyCarrier(): Readonly<Carrier> {
  return EMPTY;
}

/**
 * Takes the carrier argument off the arguments of an event from a client that declared carriers
 * (the last one, before the ack callback if there is one), in place, and reads it.
 */
export function takeCarrier(args: unknown[]): Readonly<Carrier> {
  const callbackLast = args.length > 0 && typeof args[args.length - 1] === "function";
  const index = callbackLast ? args.length - 2 : args.length - 1;
  if (index < 0) return EMPTY;
  const [carrier] = args.splice(index, 1);
  return readCarrier(carrier);
}
