import type { Admission, Handler, RunningHandlers } from "@socket-contract/contract/internal";
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
    if (!(Number.isFinite(eventsPerSecond) && eventsPerSecond > 0))
      throw new TypeError("[socket-contract] bindServer: rateLimit.eventsPerSecond must be a positive number");
    if (!(Number.isFinite(burst) && burst >= 1))
      throw new TypeError("[socket-contract] bindServer: rateLimit.burst must be a number of at least 1");
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
 * still running. Four numbers per socket, and a few arithmetic operations per event. The endpoint
 * core asks it about each event and refuses the ones it does not admit.
 */
export class SocketLimits implements Admission, RunningHandlers {
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

  /** `undefined` when the event may go on to be received; otherwise why it is refused with `RATE_LIMITED`. */
  admit(): string | undefined {
    const settings = this.#settings;
    if (this.#inFlight >= settings.maxInFlight)
      return "Too many events of this connection are being handled at once; try again when some are answered.";
    if (settings.refillPerMs > 0) {
      const now = performance.now();
      this.#tokens = Math.min(settings.burst, this.#tokens + (now - this.#refilledAt) * settings.refillPerMs);
      this.#refilledAt = now;
      if (this.#tokens < 1) return "Too many events from this connection; slow down.";
      this.#tokens -= 1;
    }
    return undefined;
  }

  /** A flooding client is told at most once a second that its ack-less events are refused, so refusing costs less than the flood. */
  reportDue(): boolean {
    const now = performance.now();
    if (now - this.#reportedAt < REPORT_INTERVAL_MS) return false;
    this.#reportedAt = now;
    return true;
  }

  /** The count of running handlers that `receive` keeps, or `undefined` when they are not capped. */
  get running(): RunningHandlers | undefined {
    return this.#settings.maxInFlight === Infinity ? undefined : this;
  }

  /** Runs one handler (called by `receive` through `running`), counted until it returns, throws, or its promise settles. */
  run(handler: Handler, args: unknown[]): unknown {
    this.#inFlight++;
    let result: unknown;
    try {
      result = handler(...args);
    } catch (thrown) {
      this.#inFlight--;
      throw thrown;
    }
    if (!isPromiseLike(result)) {
      this.#inFlight--;
      return result;
    }
    return result.then(
      (value) => {
        this.#inFlight--;
        return value;
      },
      (thrown: unknown) => {
        this.#inFlight--;
        throw thrown;
      },
    );
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
