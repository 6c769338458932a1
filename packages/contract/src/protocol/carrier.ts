import type { Carrier } from "../interceptor.js";

/**
 * The key, inside the handshake's `"~contract"` entry, by which a bound client says that every
 * event it sends carries one more argument, last before the ack callback: a carrier of trace
 * context (see `wireCarrier` for its form). Its value is the carrier of the connection attempt
 * itself, as an object. A plain Socket.IO client never sends it, so the server never expects the
 * extra argument from one.
 */
export const CARRIER_KEY = "carrier";

const MAX_FIELDS = 8;
const MAX_KEY = 64;
const MAX_VALUE = 1024;
const EMPTY: Readonly<Carrier> = Object.freeze(Object.create(null) as Carrier);

/** The one field most carriers hold: W3C trace context's, which travels as a bare string (see `wireCarrier`). */
const TRACEPARENT = "traceparent";

/**
 * A carrier as it travels with each event, in the most compact form JSON gives it: the
 * `traceparent` value alone when that is the carrier's one field (what W3C propagation writes for
 * a trace without `tracestate`), `""` when it has none, else the carrier object itself. A 55-character
 * string costs Socket.IO's encoder, its binary scan and the receiver's parser less than an object
 * around it, and the receiver builds its carrier without walking keys.
 */
export function wireCarrier(carrier: Readonly<Carrier>): string | Readonly<Carrier> {
  let only: string | undefined;
  for (const key in carrier) {
    if (key !== TRACEPARENT || only !== undefined) return carrier;
    only = carrier[key];
  }
  return only ?? "";
}

/**
 * A carrier read from untrusted input: a bare string (a `traceparent`, see `wireCarrier`; `""` is
 * empty) or a plain object of at most 8 string fields (keys up to 64 characters, values up to
 * 1,024); anything else reads as the empty carrier, since telemetry must never refuse an event.
 * The result has no prototype, so `__proto__` or `toString` are just keys.
 */
export function readCarrier(value: unknown): Readonly<Carrier> {
  if (typeof value === "string") {
    if (value.length === 0 || value.length > MAX_VALUE) return EMPTY;
    const carrier = Object.create(null) as Carrier;
    carrier[TRACEPARENT] = value;
    return carrier;
  }
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
  const last = args.length - 1;
  const index = last >= 0 && typeof args[last] === "function" ? last - 1 : last;
  if (index < 0) return EMPTY;
  const carrier = args[index];
  // Shifted down by hand: splice would build an array of what it removed, per event.
  if (index < last) args[index] = args[last];
  args.length = last;
  return readCarrier(carrier);
}
