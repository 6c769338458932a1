import type {
  InferAckInput,
  InferAckOutput,
  InferArgsInput,
  InferArgsOutput,
  InferSchemaInput,
  InferSchemaOutput,
} from "./infer.js";
import type { AnySchema, EventDefinition } from "./types.js";

type LastOf<T extends readonly unknown[]> = T extends readonly [...unknown[], infer TLast] ? TLast : never;

/** The item schema of an event's `streamOf()` last argument, or `never`. */
type UploadItemOf<TEvent extends EventDefinition> = StreamOfItem<LastOf<TEvent["args"]>>;
// `[T] extends [never]` first: `never extends { ... infer X }` would hold, with X unknown.
type StreamOfItem<TLast> = [TLast] extends [never]
  ? never
  : TLast extends { readonly "~streamOf": infer TItem }
    ? TItem
    : never;

/** Whether the responder of an event sends items (`stream: itemSchema`). */
export type HasStream<TEvent extends EventDefinition> = TEvent extends { readonly stream: AnySchema } ? true : false;

/** Whether the requester of an event sends items (a `streamOf()` last argument). */
export type HasUpload<TEvent extends EventDefinition> = [UploadItemOf<TEvent>] extends [never] ? false : true;

/** Whether an event is requested with `stream()` rather than `emit()`: it streams in one direction or both. */
export type IsStreamEvent<TEvent extends EventDefinition> = HasStream<TEvent> extends true ? true : HasUpload<TEvent>;

/** What a responder yields: `z.input` of the event's `stream`. */
export type InferStreamItemInput<TEvent extends EventDefinition> = TEvent extends { readonly stream: infer TItem }
  ? InferSchemaInput<TItem>
  : never;

/** What a requester's `for await` receives: `z.output` of the event's `stream`. */
export type InferStreamItemOutput<TEvent extends EventDefinition> = TEvent extends { readonly stream: infer TItem }
  ? InferSchemaOutput<TItem>
  : never;

/** What a requester passes as an event's `streamOf()` argument: items of `z.input` of its item schema. */
export type InferUploadItemInput<TEvent extends EventDefinition> = InferSchemaInput<UploadItemOf<TEvent>>;

/** What a handler's upload iterable gives: `z.output` of the `streamOf()` item schema. */
export type InferUploadItemOutput<TEvent extends EventDefinition> = InferSchemaOutput<UploadItemOf<TEvent>>;

/**
 * What `stream(event, ...args)` returns: the responder's parsed items, read with `for await`
 * (once), and the final acknowledgement. `break` out of the loop, `cancel()` or the `signal`
 * option cancels: the responder's `finally` runs and `ack` rejects with an `AbortError`. A failure
 * (a `ContractError`: the responder's code with its typed `data`, `INVALID_PAYLOAD`,
 * `DISCONNECTED`, `RATE_LIMITED`, ...) is thrown by the loop and rejects `ack`. An unobserved
 * `ack` never causes an unhandled rejection.
 */
export interface ContractStream<TItem, TAck> extends AsyncIterable<TItem> {
  /** The validated final value: the responder's return value, after its last item; `undefined` without `ack`. */
  readonly ack: Promise<TAck>;
  /** Cancels the stream on both sides; items not yet read are dropped. */
  cancel(reason?: unknown): void;
}

/** One `stream()` call's options, given after the event's arguments. */
export interface StreamCallOptions {
  /** Aborting it cancels the stream, as `cancel()` does. */
  readonly signal?: AbortSignal;
  /** How many items the responder may send before this side has read them. Default: the runtime's `streamWindow`. */
  readonly window?: number;
}

/** The arguments of `stream(event, ...)`: the event's arguments (a `streamOf()` one takes a `StreamSource`), then options. */
export type StreamArgs<TEvent extends EventDefinition> = [...InferArgsInput<TEvent>, options?: StreamCallOptions];

/** What `stream(event, ...)` returns for this event. */
export type StreamResult<TEvent extends EventDefinition> = ContractStream<
  InferStreamItemOutput<TEvent>,
  InferAckOutput<TEvent>
>;

type Maybe<T> = T | Promise<T>;

/**
 * The responder of a stream event, given the parsed arguments (a `streamOf()` one is an
 * `AsyncIterable` of parsed items). With `stream`, an `async function*`: what it yields are the
 * items, what it returns is the acknowledgement; cancellation runs its `finally`. Without `stream`
 * (an upload only), it returns the acknowledgement as an ordinary handler does.
 */
export type StreamHandler<TEvent extends EventDefinition> =
  HasStream<TEvent> extends true
    ? (...args: InferArgsOutput<TEvent>) => StreamProducer<InferStreamItemInput<TEvent>, InferAckInput<TEvent>, TEvent>
    : (...args: InferArgsOutput<TEvent>) => Maybe<InferAckInput<TEvent>>;

type StreamProducer<TItem, TAck, TEvent extends EventDefinition> =
  | AsyncGenerator<TItem, TAck, undefined>
  | Generator<TItem, TAck, undefined>
  | (TEvent extends { readonly ack: AnySchema } ? never : AsyncIterable<TItem> | Iterable<TItem>);

/** The names of the events of one direction that are requested with `stream()`. */
export type StreamEventName<TEvents> = {
  [TName in keyof TEvents & string]: TEvents[TName] extends EventDefinition
    ? IsStreamEvent<TEvents[TName]> extends true
      ? TName
      : never
    : never;
}[keyof TEvents & string];

/** The names of the events of one direction that are sent with `emit()`: every event that does not stream. */
export type EmitEventName<TEvents> = Exclude<keyof TEvents & string, StreamEventName<TEvents>>;
