import { ContractError } from "../contract-error.js";
import type { AnySchema } from "../types.js";
import { parseValue } from "./catalog.js";
import type { Where } from "./outgoing-error.js";
import { refusedItem } from "./stream-pump.js";

export interface InboxOptions {
  /** The credit granted at the start; never more than this many items wait unread. */
  readonly window: number;
  /** The schema each item is parsed by; `undefined` when no item may arrive on this side. */
  readonly item: AnySchema | undefined;
  readonly maxItems: number | undefined;
  readonly where: Where;
  /** Grants `n` more items to the sender (a `contract:credit` frame). */
  grant(n: number): void;
  /** The reader stopped early (`break`, `return()`): the caller tells the sender. */
  stopped(): void;
}

type Waiter = { resolve(result: IteratorResult<unknown>): void; reject(error: unknown): void };

const DONE: IteratorResult<unknown> = Object.freeze({ done: true, value: undefined });

/**
 * The receiving half of a stream: items the other side sent, parsed and waiting to be read, at most
 * `window` of them. Each read frees a slot; once half the window is free it is granted back in one
 * `contract:credit`, so a window of 16 costs a credit frame per 8 items.
 */
export class StreamInbox implements AsyncIterableIterator<unknown> {
  readonly #options: InboxOptions;
  readonly #buffer: unknown[] = [];
  readonly #waiters: Waiter[] = [];
  readonly #threshold: number;
  #granted: number;
  #received = 0;
  #unreported = 0;
  #state: "open" | "ended" | "failed" | "stopped" = "open";
  #error: unknown;

  constructor(options: InboxOptions) {
    this.#options = options;
    this.#granted = options.window;
    this.#threshold = Math.max(1, Math.ceil(options.window / 2));
  }

  /** Whether items may still arrive. */
  get open(): boolean {
    return this.#state === "open";
  }

  /**
   * An item frame arrived. Returns the error that ends the stream when the frame breaks the rules
   * (beyond the credit granted, more than `maxItems`, or an item its schema refuses), else nothing.
   * Items arriving after the inbox closed are dropped: they were in flight.
   */
  accept(raw: unknown): ContractError | undefined {
    if (this.#state !== "open") return undefined;
    const { item, maxItems, where } = this.#options;
    if (item === undefined)
      return new ContractError("INVALID_PAYLOAD", {
        message: "This stream carries no items from this side.",
        ...where,
      });
    if (this.#received >= this.#granted)
      return new ContractError("INVALID_PAYLOAD", { message: "An item arrived beyond the credit granted.", ...where });
    if (maxItems !== undefined && this.#received >= maxItems) {
      return new ContractError("INVALID_PAYLOAD", {
        message: `The stream carries at most ${maxItems} items.`,
        ...where,
      });
    }
    const index = this.#received++;
    const parsed = parseValue(item, raw, [index]);
    if (!parsed.ok) return refusedItem(parsed.issues, parsed.cause, where);
    const waiter = this.#waiters.shift();
    if (waiter === undefined) this.#buffer.push(parsed.value);
    else {
      this.#consumed();
      waiter.resolve({ done: false, value: parsed.value });
    }
    return undefined;
  }

  /** The sender is done: what was received can still be read, then iteration ends. */
  end(): void {
    if (this.#state !== "open") return;
    this.#state = "ended";
    this.#settleWaiters();
  }

  /**
   * The stream failed: reading throws `error`, after the items already received unless `drop`
   * (a disconnect, a cancel) throws them away.
   */
  fail(error: unknown, drop: boolean): void {
    if (this.#state !== "open" && !(drop && this.#state === "failed")) return;
    this.#state = "failed";
    this.#error = error;
    if (drop) this.#buffer.length = 0;
    this.#settleWaiters();
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.#buffer.length > 0) {
      const value = this.#buffer.shift();
      this.#consumed();
      return Promise.resolve({ done: false, value });
    }
    if (this.#state === "failed") return Promise.reject(this.#error);
    if (this.#state !== "open") return Promise.resolve(DONE);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** The reader leaves early (`break` out of `for await`). */
  return(): Promise<IteratorResult<unknown>> {
    if (this.#state === "open") {
      this.#state = "stopped";
      this.#buffer.length = 0;
      this.#settleWaiters();
      this.#options.stopped();
    } else this.#buffer.length = 0;
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** One item left the buffer: once enough slots are free, they are granted back in one frame. */
  #consumed(): void {
    if (this.#state !== "open") return;
    this.#unreported++;
    if (this.#unreported < this.#threshold) return;
    const n = this.#unreported;
    this.#unreported = 0;
    this.#granted += n;
    this.#options.grant(n);
  }

  #settleWaiters(): void {
    if (this.#buffer.length > 0) return;
    for (const waiter of this.#waiters.splice(0)) {
      if (this.#state === "failed") waiter.reject(this.#error);
      else waiter.resolve(DONE);
    }
  }
}
