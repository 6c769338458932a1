import { $ZodCustom, type $ZodType } from "zod/v4/core";
import { ContractDefinitionError } from "./definition-error.js";
import type { InferSchemaInput, InferSchemaOutput } from "./infer.js";
import { isContractSchema } from "./schema-kind.js";
import type { AnySchema, ZodSchema } from "./types.js";

/**
 * What a requester may pass where a contract says `streamOf(item)`: an `AsyncIterable` (an async
 * generator), an `Iterable` (an array, a generator) or a web `ReadableStream` (a browser
 * `File.stream()`). Strings are not accepted, though they are iterable.
 */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T> | ReadableStream<T>;

export interface StreamOfOptions {
  /**
   * How many items the receiver lets the sender have in flight (its credit window). Overrides the
   * runtime's `streamWindow` for this argument. A whole number from 1 to 65,536.
   */
  readonly window?: number;
  /** Most items the stream may carry; one more ends it with `INVALID_PAYLOAD`. */
  readonly maxItems?: number;
}

/**
 * The schema `streamOf()` returns: a `StreamSource` of the item's input in, an `AsyncIterable` of
 * the item's parsed output out. The `"~streamOf"` key is types-only: it carries the item schema.
 */
export interface StreamOfSchema<TItem extends AnySchema = AnySchema>
  extends $ZodType<AsyncIterable<InferSchemaOutput<TItem>>, StreamSource<InferSchemaInput<TItem>>> {
  /** Types only (no such property at run time): the item schema. Read it at run time with `streamOfInfo`. */
  readonly "~streamOf": TItem;
}

/** What `streamOfInfo` reads back from a `streamOf()` schema. */
export interface StreamOfInfo {
  readonly item: AnySchema;
  readonly window: number | undefined;
  readonly maxItems: number | undefined;
}

/** The key of the definition that marks a `streamOf()` schema: a definition is copied into every clone. */
const STREAM_OF_KEY = "socketContractStreamOf";

/** Largest credit window a side may grant at once. */
export const MAX_STREAM_WINDOW = 65_536;

/**
 * A sequence of items the requester sends, as an event's last argument (uploads, a feed of
 * edits). The requester passes an `AsyncIterable`, an `Iterable` or a web `ReadableStream`; the
 * handler receives an `AsyncIterable` of items, each parsed by `item` before it is handed over.
 * The receiver grants credit, so the sender pulls its source only as fast as the handler reads.
 *
 * @example
 * "file:upload": {
 *   args: [z.object({ name: z.string() }), streamOf(binary({ maxBytes: 65_536 }))],
 *   ack: z.object({ bytes: z.number() }),
 * }
 */
export function streamOf<TItem extends AnySchema>(item: TItem, options: StreamOfOptions = {}): StreamOfSchema<TItem> {
  if (!isContractSchema(item))
    throw new ContractDefinitionError(
      "streamOf()",
      "expected a schema for the items (Zod, or any Standard Schema v1 value)",
    );
  if (streamOfInfo(item) !== undefined)
    throw new ContractDefinitionError("streamOf()", "items cannot themselves be streams");
  const { window, maxItems } = options;
  if (window !== undefined && !(Number.isSafeInteger(window) && window >= 1 && window <= MAX_STREAM_WINDOW)) {
    throw new ContractDefinitionError("streamOf()", `window must be a whole number from 1 to ${MAX_STREAM_WINDOW}`);
  }
  if (maxItems !== undefined && !(Number.isSafeInteger(maxItems) && maxItems >= 0)) {
    throw new ContractDefinitionError("streamOf()", "maxItems must be a non-negative whole number");
  }
  const info: StreamOfInfo = { item, window, maxItems };
  // Built on zod/v4/core alone (like binary()), so it stands in zod/mini and classic contracts alike.
  // The item schema is kept off the enumerable definition, so tools that print a definition print only data.
  const marker: Record<string, unknown> = {};
  Object.defineProperty(marker, "info", { value: Object.freeze(info), enumerable: false });
  if (window !== undefined) marker.window = window;
  if (maxItems !== undefined) marker.maxItems = maxItems;
  const source = new $ZodCustom({
    type: "custom",
    check: "custom",
    fn: isStreamSource,
    abort: true,
    error: () => "Expected an AsyncIterable, an Iterable or a ReadableStream",
    [STREAM_OF_KEY]: marker,
  } as never);
  return source as unknown as StreamOfSchema<TItem>;
}

/**
 * The item schema and options of a schema made by `streamOf()`, or `undefined` for any other
 * schema. For the runtimes and for tools that render a contract (code generator, AsyncAPI).
 *
 * @example
 * streamOfInfo(streamOf(z.string(), { window: 4 })); // { item: ZodString, window: 4, maxItems: undefined }
 */
export function streamOfInfo(schema: unknown): StreamOfInfo | undefined {
  if (!isSchemaLike(schema)) return undefined;
  const marker = ((schema as ZodSchema)._zod.def as unknown as Record<string, unknown>)[STREAM_OF_KEY] as
    | { info?: StreamOfInfo }
    | undefined;
  return marker?.info;
}

/** Whether a value can feed a `streamOf()` argument. */
function isStreamSource(value: unknown): value is StreamSource<unknown> {
  if (typeof value !== "object" || value === null) return false;
  return (
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function" ||
    typeof (value as Iterable<unknown>)[Symbol.iterator] === "function" ||
    typeof (value as ReadableStream<unknown>).getReader === "function"
  );
}

function isSchemaLike(value: unknown): value is ZodSchema {
  return (
    typeof value === "object" && value !== null && typeof (value as { _zod?: { def?: unknown } })._zod?.def === "object"
  );
}
