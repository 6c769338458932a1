/** Something a stream pulls items from: an async or a sync iterator. */
export type ItemIterator = AsyncIterator<unknown, unknown, undefined> | Iterator<unknown, unknown, undefined>;

/**
 * The iterator of a stream's producer: an async generator (or any `AsyncIterable`), a generator
 * (or any `Iterable`, strings excepted), or a web `ReadableStream`, read through its reader so
 * that platforms whose streams are not async-iterable (Safari) work too. `undefined` for anything
 * else.
 */
export function iteratorOf(source: unknown): ItemIterator | undefined {
  if (typeof source !== "object" || source === null) return undefined;
  if (isIterator(source)) return source;
  const asyncIterable = (source as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
  if (typeof (source as Partial<ReadableStream>).getReader === "function")
    return readerIterator(source as ReadableStream<unknown>);
  if (typeof asyncIterable === "function")
    return asyncIterable.call(source) as AsyncIterator<unknown, unknown, undefined>;
  const iterable = (source as Partial<Iterable<unknown>>)[Symbol.iterator];
  if (typeof iterable === "function") return iterable.call(source) as Iterator<unknown, unknown, undefined>;
  return undefined;
}

/** A generator object (sync or async): it has `next`, and iterating it gives itself. */
function isIterator(value: object): value is ItemIterator {
  const candidate = value as Partial<AsyncIterator<unknown>> &
    Partial<AsyncIterable<unknown>> &
    Partial<Iterable<unknown>>;
  if (typeof candidate.next !== "function") return false;
  const self = (candidate[Symbol.asyncIterator] ?? candidate[Symbol.iterator]) as
    | ((this: object) => unknown)
    | undefined;
  return typeof self === "function" && self.call(value) === value;
}

function readerIterator(stream: ReadableStream<unknown>): AsyncIterator<unknown, unknown, undefined> {
  const reader = stream.getReader();
  return {
    async next() {
      const { done, value } = await reader.read();
      if (done) reader.releaseLock();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
    async return() {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}

/** Closes an iterator early (its `finally` runs); a failure of closing goes to `onError`, never unhandled. */
export function closeIterator(iterator: ItemIterator, onError: (cause: unknown) => void): void {
  try {
    const closing = iterator.return?.();
    if (closing !== undefined && typeof (closing as PromiseLike<unknown>).then === "function")
      (closing as Promise<unknown>).then(undefined, onError);
  } catch (cause) {
    onError(cause);
  }
}

/** What a cancelled stream gives those who wait on it: the platform's `AbortError`. */
export function abortError(message = "The stream was cancelled."): Error {
  return new DOMException(message, "AbortError");
}
