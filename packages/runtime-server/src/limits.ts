import { ContractError } from "@socket-contract/contract";
import { type Receiver, type RunningHandlers, errorEnvelope, toReport } from "@socket-contract/contract/protocol";
import type { BindServerOptions } from "./types.js";

/** 100 events a second on average: a person's client sends a few; a flooder's share of the CPU is bounded by this. */
export const DEFAULT_EVENTS_PER_SECOND = 100;
/**
 * The burst, in seconds of the rate: 10, so 1,000 events at once by default. A page that loads
 * sends a few hundred acked requests together; they must pass (docs/reliability.md measures it).
 */
export const DEFAULT_BURST_SECONDS = 10;
/**
 * Handlers of one socket running at once: as many as the default burst admits, since events that
 * arrive together are handled together (an async handler runs until its promise settles, even a
 * fast one). It still bounds what handlers that never settle can pile up.
 */
export const DEFAULT_MAX_IN_FLIGHT = 1_000;

/** The limits of every socket of a server, read once from `bindServer`'s options. */
export interface LimitSettings {
  /** Tokens per millisecond; 0 when the rate limit is off. */
  readonly refillPerMs: number;
  readonly burst: number;
  /** `Infinity` when off. */
  readonly maxInFlight: number;
}

const MAX_EVENT_NAME = 200;
/** A flooding client is told at most once a second that its ack-less events are refused, so refusing costs less than the flood. */
const REPORT_INTERVAL_MS = 1_000;

/**
 * Reads and checks the limit options; `undefined` when every limit is off, so sockets then carry
 * no limit state at all.
 */
export function limitSettings(options: BindServerOptions): LimitSettings | undefined {
  const { rateLimit = {}, maxInFlight = DEFAULT_MAX_IN_FLIGHT } = options;
  let refillPerMs = 0;
  let burst = Infinity;
  if (rateLimit !== false) {
    const eventsPerSecond = rateLimit.eventsPerSecond ?? DEFAULT_EVENTS_PER_SECOND;
    burst = rateLimit.burst ?? eventsPerSecond * DEFAULT_BURST_SECONDS;
    if (!(Number.isFinite(eventsPerSecond) && eventsPerSecond > 0)) throw new TypeError("[socket-contract] bindServer: rateLimit.eventsPerSecond must be a positive number");
    if (!(Number.isFinite(burst) && burst >= 1)) throw new TypeError("[socket-contract] bindServer: rateLimit.burst must be a number of at least 1");
    refillPerMs = eventsPerSecond / 1_000;
  }
  if (maxInFlight !== false && !(Number.isSafeInteger(maxInFlight) && maxInFlight >= 1)) {
    throw new TypeError("[socket-contract] bindServer: maxInFlight must be a whole number of at least 1, or false");
  }
  if (rateLimit === false && maxInFlight === false) return undefined;
  return { refillPerMs, burst, maxInFlight: maxInFlight === false ? Infinity : maxInFlight };
}

/**
 * The limits of one socket: a token bucket for the rate of incoming events and a count of handlers
 * still running. Four numbers per socket, and a few arithmetic operations per event.
 */
export class SocketLimits implements RunningHandlers {
  readonly #settings: LimitSettings;
  #tokens: number;
  #refilledAt: number;
  #inFlight = 0;
  #reportedAt = -Infinity;

  constructor(settings: LimitSettings) {
    this.#settings = settings;
    this.#tokens = settings.burst;
    this.#refilledAt = performance.now();
  }

  /**
   * Whether the event may go on to be received. A refused event is answered with `RATE_LIMITED`,
   * through its callback when it has one, else with `contract:error`, and `onError` is told.
   */
  admit(receiver: Receiver, event: unknown, args: readonly unknown[]): boolean {
    const settings = this.#settings;
    const now = performance.now();
    let message: string | undefined;
    if (this.#inFlight >= settings.maxInFlight) message = "Too many events of this connection are being handled at once; try again when some are answered.";
    else if (settings.refillPerMs > 0) {
      this.#tokens = Math.min(settings.burst, this.#tokens + (now - this.#refilledAt) * settings.refillPerMs);
      this.#refilledAt = now;
      if (this.#tokens < 1) message = "Too many events from this connection; slow down.";
      else this.#tokens -= 1;
    }
    if (message === undefined) return true;
    this.#refuse(receiver, typeof event === "string" ? event.slice(0, MAX_EVENT_NAME) : String(event), args, message, now);
    return false;
  }

  /** The count of running handlers that `receive` keeps, or `undefined` when they are not capped. */
  get running(): RunningHandlers | undefined {
    return this.#settings.maxInFlight === Infinity ? undefined : this;
  }

  /** A handler started (called by `receive` through `running`). */
  started(): void {
    this.#inFlight++;
  }

  /** A handler returned, threw, or its promise settled. */
  finished(): void {
    this.#inFlight--;
  }

  #refuse(receiver: Receiver, event: string, args: readonly unknown[], message: string, now: number): void {
    const where = { namespace: receiver.namespace, event };
    const error = new ContractError("RATE_LIMITED", { message, ...where });
    const last = args.length > 0 ? args[args.length - 1] : undefined;
    if (typeof last === "function") (last as (envelope: unknown) => void)(errorEnvelope(error));
    else if (now - this.#reportedAt >= REPORT_INTERVAL_MS) {
      this.#reportedAt = now;
      receiver.sendReport(toReport(event, error));
    }
    receiver.report(error);
  }
}
