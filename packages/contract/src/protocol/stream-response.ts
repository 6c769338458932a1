import { ContractError } from "../contract-error.js";
import { type CompiledEvent, type StreamShape, parseValue } from "./catalog.js";
import { errorEnvelope, fromWireError, okEnvelope } from "./envelope.js";
import { type Where, handlerFailure } from "./outgoing-error.js";
import type { Handler } from "./receive.js";
import { STREAM_CANCEL, STREAM_CREDIT, STREAM_END, STREAM_ITEM } from "./stream-frames.js";
import { StreamInbox } from "./stream-inbox.js";
import { StreamPump } from "./stream-pump.js";
import type { StreamLink } from "./stream-request.js";
import { abortError, iteratorOf } from "./stream-source.js";
import { isPromiseLike } from "./listener.js";
import { sendsParsedValue } from "./wire-form.js";

export interface ResponseSettings {
  readonly id: number;
  readonly definition: CompiledEvent;
  readonly shape: StreamShape;
  readonly where: Where;
  /** The credit the requester granted in `contract:open`. */
  readonly credit: number;
  /** How many of the requester's items may wait unread here (unless the `streamOf()` says). */
  readonly window: number;
}

/**
 * The responder's end of one stream: runs the handler once, pulls what it yields only while the
 * requester has granted credit, and ends the stream with its return value as the acknowledgement
 * (checked against the contract), or with the error it threw. The requester's items (an upload)
 * reach the handler through an inbox of `window` items.
 */
export class StreamResponse {
  readonly #link: StreamLink;
  readonly #settings: ResponseSettings;
  #inbox: StreamInbox | undefined;
  #pump: StreamPump | undefined;
  /** Credit granted before an async handler handed over its generator. */
  #credit: number;
  #over = false;

  constructor(link: StreamLink, settings: ResponseSettings) {
    this.#link = link;
    this.#settings = settings;
    this.#credit = settings.credit;
  }

  /** Runs the handler with the parsed arguments (and, for an upload, the iterable of its items). */
  start(handler: Handler, args: unknown[]): void {
    const { id, shape, where } = this.#settings;
    if (shape.upload !== undefined) {
      const window = shape.upload.window ?? this.#settings.window;
      this.#inbox = new StreamInbox({
        window,
        item: shape.upload.item,
        maxItems: shape.upload.maxItems,
        where,
        grant: (n) => this.#send(STREAM_CREDIT, [id, n]),
        stopped: () => this.#send(STREAM_CANCEL, [id]),
      });
      this.#send(STREAM_CREDIT, [id, window]);
      args.push(this.#inbox);
    }
    let result: unknown;
    try {
      result = handler(...args);
    } catch (thrown) {
      return this.#fail(thrown);
    }
    const next =
      shape.item === undefined ? (value: unknown) => this.#answer(value) : (value: unknown) => this.#produce(value);
    if (!isPromiseLike(result)) return next(result);
    result
      .then(next, (thrown: unknown) => this.#fail(thrown))
      .then(undefined, (cause: unknown) => this.#lastResort(cause));
  }

  // Frames from the requester.

  onItem(raw: unknown): void {
    if (this.#inbox === undefined)
      return this.#refuse(this.#violation("This stream carries no items from the requester."));
    const problem = this.#inbox.accept(raw);
    if (problem !== undefined) this.#refuse(problem);
  }

  onCredit(n: number): void {
    if (this.#settings.shape.item === undefined)
      return this.#refuse(this.#violation("This stream sends no items to grant credit for."));
    if (this.#pump !== undefined) {
      if (!this.#pump.grant(n)) this.#refuse(this.#violation("Credit was granted beyond the largest window."));
    } else this.#credit += n;
  }

  /** The requester's items are over. */
  onEnd(): void {
    if (this.#inbox === undefined)
      return this.#refuse(this.#violation("This stream carries no items from the requester."));
    this.#inbox.end();
  }

  /** The requester cancelled: the handler's generator is closed (its `finally` runs); nothing more is sent. */
  onCancel(reason: unknown): void {
    const told = reason === undefined ? undefined : fromWireError(reason, this.#settings.where);
    this.#stop(told ?? abortError());
    if (told !== undefined) this.#link.report(told);
  }

  /** The connection closed (`DISCONNECTED`): as a cancel, with that error. */
  close(error: ContractError): void {
    this.#stop(error);
  }

  #produce(result: unknown): void {
    const iterator = iteratorOf(result);
    if (this.#over) {
      if (iterator !== undefined)
        void Promise.resolve()
          .then(() => iterator.return?.())
          .catch(() => {});
      return;
    }
    if (iterator === undefined)
      return this.#fail(new TypeError("A stream handler must be an async generator or return an iterable."));
    const { id, shape, where } = this.#settings;
    this.#pump = new StreamPump(iterator, {
      item: shape.item!,
      maxItems: undefined,
      where,
      send: (value) => this.#link.send(STREAM_ITEM, [id, value]),
      done: (value) => this.#answer(value),
      failed: (error, refused) => (refused ? this.#refuseOwn(error as ContractError) : this.#fail(error)),
      closeFailed: (cause) =>
        this.#link.report(
          new ContractError("HANDLER_ERROR", { message: "The stream handler failed while closing.", cause, ...where }),
        ),
    });
    if (this.#credit > 0 && !this.#pump.grant(this.#credit))
      this.#refuse(this.#violation("Credit was granted beyond the largest window."));
    this.#credit = 0;
  }

  /** The handler is done: its return value is the acknowledgement, checked first. */
  #answer(value: unknown): void {
    if (this.#over) return;
    const { definition, where } = this.#settings;
    const ack = definition.ack;
    if (ack === undefined) return this.#end(okEnvelope(undefined));
    const checked = parseValue(ack, value, []);
    if (checked.ok) return this.#end(okEnvelope(sendsParsedValue(ack) ? checked.value : value));
    this.#end(errorEnvelope(new ContractError("INVALID_ACK", { issues: checked.issues, ...where })));
    this.#link.report(new ContractError("INVALID_ACK", { issues: checked.issues, cause: checked.cause, ...where }));
  }

  /** The handler threw: a declared `ContractError` travels with its data, anything else as `HANDLER_ERROR`. */
  #fail(thrown: unknown): void {
    if (this.#over) return;
    const { wire, local } = handlerFailure(thrown, this.#settings.definition, this.#settings.where);
    this.#end(errorEnvelope(wire));
    this.#link.report(local);
  }

  /** The handler yielded an item the contract refuses: nothing of it is sent, and the stream ends with `INVALID_PAYLOAD`. */
  #refuseOwn(error: ContractError): void {
    if (this.#over) return;
    this.#end(
      errorEnvelope(
        new ContractError("INVALID_PAYLOAD", { message: error.message, issues: error.issues, ...this.#settings.where }),
      ),
    );
    this.#link.report(error);
  }

  /** The requester broke the rules: the stream ends with that error on both sides. */
  #refuse(error: ContractError): void {
    if (this.#over) return;
    this.#end(
      errorEnvelope(
        new ContractError(error.code, { message: error.message, issues: error.issues, ...this.#settings.where }),
      ),
    );
    this.#link.report(error);
    this.#pump?.stop();
    this.#inbox?.fail(error, true);
  }

  #violation(message: string): ContractError {
    return new ContractError("INVALID_PAYLOAD", { message, ...this.#settings.where });
  }

  #end(envelope: unknown): void {
    this.#over = true;
    this.#link.forget(this.#settings.id, envelope);
    // The handler is done: whatever of the requester's items it did not read is not wanted.
    this.#inbox?.fail(abortError("The stream has ended."), true);
    try {
      this.#link.send(STREAM_END, [this.#settings.id, envelope]);
    } catch (cause) {
      // The acknowledgement could not be encoded: the requester still hears that the stream ended.
      this.#send(STREAM_END, [
        this.#settings.id,
        errorEnvelope(new ContractError("HANDLER_ERROR", this.#settings.where)),
      ]);
      this.#link.report(
        new ContractError("HANDLER_ERROR", {
          message: "The answer could not be encoded.",
          cause,
          ...this.#settings.where,
        }),
      );
    }
  }

  #stop(error: unknown): void {
    if (this.#over) return;
    this.#over = true;
    this.#link.forget(this.#settings.id, error);
    this.#pump?.stop();
    this.#inbox?.fail(error, true);
  }

  #send(frame: string, args: unknown[]): void {
    try {
      this.#link.send(frame, args);
    } catch {
      // Only a closed connection makes a frame of ids and counts fail; its disconnect ends the stream.
    }
  }

  #lastResort(cause: unknown): void {
    try {
      this.#link.report(new ContractError("HANDLER_ERROR", { cause, ...this.#settings.where }));
    } catch {
      // report() must not throw; if it does anyway, there is nobody left to tell.
    }
  }
}
