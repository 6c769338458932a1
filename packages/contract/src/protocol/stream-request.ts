import { ContractError } from "../contract-error.js";
import type { ContractStream } from "../infer-stream.js";
import type { CompiledEvent, StreamShape } from "./catalog.js";
import { toWireError } from "./envelope.js";
import type { Where } from "./outgoing-error.js";
import { readAck } from "./send.js";
import { STREAM_CANCEL, STREAM_CREDIT, STREAM_END, STREAM_ITEM } from "./stream-frames.js";
import { StreamInbox } from "./stream-inbox.js";
import { StreamPump } from "./stream-pump.js";
import { type ItemIterator, abortError } from "./stream-source.js";

/** What one stream needs from its endpoint: a way to send frames, to tell this side, and to be forgotten. */
export interface StreamLink {
  send(frame: string, args: unknown[]): void;
  report(error: ContractError): void;
  /** The stream is over here: its id is free. A response says how it ended (its end's envelope, or what stopped it). */
  forget(id: number, end?: unknown): void;
}

export interface RequestSettings {
  readonly id: number;
  readonly definition: CompiledEvent;
  readonly shape: StreamShape;
  readonly where: Where;
  /** How many of the responder's items may wait unread here. */
  readonly window: number;
  /** The producer of this side's items, for an event with a `streamOf()` argument. */
  readonly upload: ItemIterator | undefined;
  readonly signal: AbortSignal | undefined;
}

/**
 * The requester's end of one stream: what `stream(event, ...args)` returns. The responder's items
 * wait in an inbox of `window` items; this side's items (an upload) are pulled from their producer
 * only as the responder grants credit.
 */
export class StreamRequest implements ContractStream<unknown, unknown> {
  readonly ack: Promise<unknown>;
  readonly #link: StreamLink;
  readonly #settings: RequestSettings;
  readonly #inbox: StreamInbox;
  readonly #pump: StreamPump | undefined;
  #resolve!: (value: unknown) => void;
  #reject!: (error: unknown) => void;
  #iterated = false;
  #over = false;
  readonly #onAbort = (): void => this.cancel(this.#settings.signal?.reason);

  constructor(link: StreamLink, settings: RequestSettings) {
    this.#link = link;
    this.#settings = settings;
    const { id, shape, where } = settings;
    this.ack = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Reading the items is enough: an `ack` nobody awaits must not become an unhandled rejection.
    this.ack.catch(() => {});
    this.#inbox = new StreamInbox({
      window: settings.window,
      item: shape.item,
      maxItems: undefined,
      where,
      grant: (n) => link.send(STREAM_CREDIT, [id, n]),
      stopped: () => this.cancel(),
    });
    const upload = shape.upload;
    this.#pump =
      settings.upload === undefined || upload === undefined
        ? undefined
        : new StreamPump(settings.upload, {
            item: upload.item,
            maxItems: upload.maxItems,
            where,
            send: (value) => link.send(STREAM_ITEM, [id, value]),
            done: () => link.send(STREAM_END, [id, { ok: true }]),
            failed: (error) => this.#abandon(error),
            closeFailed: () => {},
          });
    settings.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** The stream's id on the wire. */
  get id(): number {
    return this.#settings.id;
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    if (this.#iterated) throw new TypeError("[socket-contract] a stream can be read once");
    this.#iterated = true;
    return this.#inbox;
  }

  cancel(reason?: unknown): void {
    if (this.#over) return;
    this.#link.send(STREAM_CANCEL, [this.#settings.id]);
    this.#finish(reason ?? abortError(), true);
  }

  // Frames from the responder.

  /** An item of the responder arrived. */
  onItem(raw: unknown): void {
    const problem = this.#inbox.accept(raw);
    if (problem !== undefined) this.#refuse(problem);
  }

  /** The responder grants credit for this side's items. */
  onCredit(n: number): void {
    if (this.#pump === undefined || !this.#pump.grant(n))
      this.#refuse(this.#violation("Credit was granted beyond what this stream can use."));
  }

  /** The responder ended the stream: its acknowledgement envelope. */
  onEnd(envelope: unknown): void {
    if (this.#over) return;
    const result = readAck(this.#settings.definition, envelope, this.#settings.where);
    if (!result.ok) return this.#finish(result.error, false);
    this.#over = true;
    this.#cleanup();
    this.#pump?.stop();
    this.#inbox.end();
    this.#resolve(result.value);
  }

  /** The responder stopped reading this side's items; the stream goes on. */
  onCancel(): void {
    this.#pump?.stop();
  }

  /** Where the request was made, as its errors name it. */
  get where(): Where {
    return this.#settings.where;
  }

  /** The connection closed (`DISCONNECTED`), or the signal was aborted before the stream opened. */
  close(error: unknown): void {
    this.#finish(error, true);
  }

  /** This side's producer threw, or produced an item the contract refuses: the stream is cancelled and fails here. */
  #abandon(error: unknown): void {
    if (this.#over) return;
    this.#link.send(STREAM_CANCEL, [this.#settings.id]);
    this.#finish(error, true);
  }

  /** The responder broke the rules: it is told why, this side's `onError` hears of it, and the stream fails here. */
  #refuse(error: ContractError): void {
    if (this.#over) return;
    this.#link.send(STREAM_CANCEL, [this.#settings.id, toWireError(error)]);
    this.#link.report(error);
    this.#finish(error, true);
  }

  #violation(message: string): ContractError {
    return new ContractError("INVALID_PAYLOAD", { message, ...this.#settings.where });
  }

  #finish(error: unknown, drop: boolean): void {
    if (this.#over) return;
    this.#over = true;
    this.#cleanup();
    this.#pump?.stop();
    this.#inbox.fail(error, drop);
    this.#reject(error);
  }

  #cleanup(): void {
    this.#settings.signal?.removeEventListener("abort", this.#onAbort);
    this.#link.forget(this.#settings.id);
  }
}
