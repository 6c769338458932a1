/**
 * Whether a handler or listener returned a promise (or any thenable) rather than a value.
 *
 * @example
 * if (isPromiseLike(result)) result.then(answer, fail);
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/**
 * Hands what a listener's returned promise rejects with to `failed`. A listener typed to return void
 * may still be an async function (TypeScript lets one stand where a void function is expected): its
 * rejection goes where a throw goes, rather than becoming an unhandled rejection, which ends a Node process.
 *
 * @example
 * watch(observer(outcome), failed);
 */
export function watch(result: unknown, failed: (thrown: unknown) => void): void {
  if (isPromiseLike(result)) result.then(undefined, failed);
}

/**
 * Calls a listener nothing awaits with one argument: what it throws, or its promise rejects with,
 * goes to `failed`, never out of the caller.
 *
 * @example
 * callListener(listener, socket, (cause) => listenerFailed(runtime, socket.id, cause));
 */
export function callListener<T>(listener: (value: T) => unknown, value: T, failed: (thrown: unknown) => void): void {
  try {
    watch(listener(value), failed);
  } catch (thrown) {
    failed(thrown);
  }
}
