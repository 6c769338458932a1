import { ContractError } from "../contract-error.js";
import type { StreamCallOptions } from "../infer-stream.js";
import { MAX_STREAM_WINDOW } from "../stream-of.js";

/** The default credit window: how many items may be in flight, unread, per stream and direction. */
export const DEFAULT_STREAM_WINDOW = 16;
/** The default cap on the streams one peer may have open on one connection at once. */
export const DEFAULT_MAX_STREAMS = 64;

/** A side's stream settings, read and checked once from `bindServer`'s or `bindClient`'s options. */
export interface StreamSettings {
  readonly window: number;
  readonly maxOpen: number;
}

/**
 * Reads `streamWindow` and `maxStreams`; a bad value throws a `TypeError` naming the option, at bind
 * time rather than at the first stream.
 */
export function streamSettings(
  options: { readonly streamWindow?: number; readonly maxStreams?: number },
  caller: string,
): StreamSettings {
  const { streamWindow = DEFAULT_STREAM_WINDOW, maxStreams = DEFAULT_MAX_STREAMS } = options;
  if (!(Number.isSafeInteger(streamWindow) && streamWindow >= 1 && streamWindow <= MAX_STREAM_WINDOW)) {
    throw new TypeError(
      `[socket-contract] ${caller}: streamWindow must be a whole number from 1 to ${MAX_STREAM_WINDOW}`,
    );
  }
  if (!(Number.isSafeInteger(maxStreams) && maxStreams >= 1))
    throw new TypeError(`[socket-contract] ${caller}: maxStreams must be a whole number of at least 1`);
  return { window: streamWindow, maxOpen: maxStreams };
}

/** Reads the options a stream call may pass after the event's arguments (`{ signal, window }`), or why they are refused. */
export function readOptions(value: unknown, namespace: string, event: string): StreamCallOptions | ContractError {
  if (typeof value !== "object" || value === null)
    return new ContractError("INVALID_PAYLOAD", {
      message: "The stream's options are not an object.",
      namespace,
      event,
    });
  const { signal, window } = value as StreamCallOptions;
  if (window !== undefined && !(Number.isSafeInteger(window) && window >= 1 && window <= MAX_STREAM_WINDOW)) {
    return new ContractError("INVALID_PAYLOAD", {
      message: `window must be a whole number from 1 to ${MAX_STREAM_WINDOW}`,
      namespace,
      event,
    });
  }
  return { signal, window };
}
