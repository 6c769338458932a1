import { ContractError } from "../contract-error.js";
import { MAX_STREAM_WINDOW } from "../stream-of.js";
import type { AnySchema } from "../types.js";
import { parseValue } from "./catalog.js";
import type { Where } from "./outgoing-error.js";
import { type ItemIterator, closeIterator } from "./stream-source.js";
import { sendsParsedValue } from "./wire-form.js";

export interface PumpOptions {
  readonly item: AnySchema;
  readonly maxItems: number | undefined;
  readonly where: Where;
  /** Sends one checked item (a `contract:item` frame). */
  send(value: unknown): void;
  /** The producer is exhausted; `value` is what its iterator returned (a generator's `return`). */
  done(value: unknown): void;
  /** The producer threw (`refused` false), or produced an item the contract refuses (`refused` true, an `INVALID_PAYLOAD`). */
  failed(error: unknown, refused: boolean): void;
  /** Closing the producer failed (its `finally` threw). */
  closeFailed(cause: unknown): void;
}

/**
 * Every outgoing stream item passes here before it is sent: it is checked against the item schema,
 * and what leaves is its parsed value where the schema has no transform (as for arguments). An
 * interceptor that observes or refuses outgoing items belongs here.
 */
export function checkOutgoingItem(schema: AnySchema, value: unknown, index: number, where: Where): CheckedItem {
  const parsed = parseValue(schema, value, [index]);
  if (!parsed.ok) return { ok: false, error: refusedItem(parsed.issues, parsed.cause, where) };
  return { ok: true, value: sendsParsedValue(schema) ? parsed.value : value };
}

/** The `INVALID_PAYLOAD` of an item its schema refuses, sent or received: it names the item, not the arguments. */
export function refusedItem(issues: ContractError["issues"], cause: unknown, where: Where): ContractError {
  return new ContractError("INVALID_PAYLOAD", {
    message: "A stream item does not match the contract.",
    issues,
    cause,
    ...where,
  });
}

export type CheckedItem =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: ContractError };

/**
 * The sending half of a stream: pulls its producer only while the receiver has granted credit, so
 * nothing waits in memory on this side but the item being sent. Stopping it closes the producer
 * (an async generator's `finally` runs).
 */
export class StreamPump {
  readonly #options: PumpOptions;
  readonly #iterator: ItemIterator;
  #credit = 0;
  #sent = 0;
  #running = false;
  #state: "active" | "done" | "stopped" = "active";

  constructor(iterator: ItemIterator, options: PumpOptions) {
    this.#iterator = iterator;
    this.#options = options;
  }

  get active(): boolean {
    return this.#state === "active";
  }

  /**
   * The receiver granted `n` more items. Returns `false` when that would let more than the largest
   * window be outstanding, which no honest receiver asks for.
   */
  grant(n: number): boolean {
    if (this.#credit + n > MAX_STREAM_WINDOW) return false;
    this.#credit += n;
    if (!this.#running && this.#state === "active") void this.#run();
    return true;
  }

  /** Stops pulling and closes the producer. */
  stop(): void {
    if (this.#state !== "active") return;
    this.#state = "stopped";
    if (!this.#running) closeIterator(this.#iterator, this.#options.closeFailed);
    // A pull in progress: #run closes the producer once that pull settles, so that a generator
    // is not asked to return while it runs (it would queue the request anyway).
  }

  async #run(): Promise<void> {
    this.#running = true;
    const options = this.#options;
    try {
      while (this.#credit > 0 && this.#state === "active") {
        let step: IteratorResult<unknown, unknown>;
        try {
          step = await this.#iterator.next();
        } catch (thrown) {
          if (this.#state !== "active") return;
          this.#state = "done";
          return options.failed(thrown, false);
        }
        if (this.#state !== "active") return closeIterator(this.#iterator, options.closeFailed);
        if (step.done === true) {
          this.#state = "done";
          return options.done(step.value);
        }
        const checked = this.#check(step.value);
        if (!checked.ok) {
          this.#state = "done";
          closeIterator(this.#iterator, options.closeFailed);
          return options.failed(checked.error, true);
        }
        this.#credit--;
        this.#sent++;
        try {
          options.send(checked.value);
        } catch (thrown) {
          // An outgoing interceptor refused the item, or it could not be encoded (a value nested
          // deeper than the encoder's stack).
          this.#state = "done";
          closeIterator(this.#iterator, options.closeFailed);
          return options.failed(thrown, false);
        }
      }
    } finally {
      this.#running = false;
    }
  }

  #check(value: unknown): CheckedItem {
    const { item, maxItems, where } = this.#options;
    if (maxItems !== undefined && this.#sent >= maxItems) {
      return {
        ok: false,
        error: new ContractError("INVALID_PAYLOAD", {
          message: `The stream carries at most ${maxItems} items.`,
          ...where,
        }),
      };
    }
    return checkOutgoingItem(item, value, this.#sent, where);
  }
}
