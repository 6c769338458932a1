import { MAX_STREAM_WINDOW } from "../stream-of.js";
import type { WireError } from "./envelope.js";

/**
 * The frames of a stream: plain Socket.IO events on reserved names, so a client in any language can
 * speak them. Stream ids are chosen by the side that opens the stream, increasing: odd from a
 * client, even from a server, so a frame's id says whose stream it belongs to.
 *
 * | frame | arguments | sent by |
 * | --- | --- | --- |
 * | `contract:open` | `{ id, event, credit, carrier? }`, then the event's arguments (a `streamOf()` one left out) | the requester |
 * | `contract:item` | `id`, `item` | whoever sends items: the responder (`stream`), the requester (`streamOf`) |
 * | `contract:credit` | `id`, `n` | whoever receives items: `n` more may be sent |
 * | `contract:end` | `id`, `{ ok: true, data? }` or `{ ok: false, error }` | the responder: the stream is over; the requester: its items are over |
 * | `contract:cancel` | `id`, `error?` | the requester: stop everything; the responder: stop sending items |
 */
export const STREAM_OPEN = "contract:open";
export const STREAM_ITEM = "contract:item";
export const STREAM_CREDIT = "contract:credit";
export const STREAM_END = "contract:end";
export const STREAM_CANCEL = "contract:cancel";

const FRAMES: ReadonlySet<string> = new Set([STREAM_OPEN, STREAM_ITEM, STREAM_CREDIT, STREAM_END, STREAM_CANCEL]);

/** Whether an incoming event is a stream frame. */
export function isStreamFrame(event: unknown): boolean {
  return typeof event === "string" && FRAMES.has(event);
}

/** Which side a runtime plays; it decides the parity of the stream ids it opens. */
export type StreamSide = "client" | "server";

/** The first id a side opens: 1 for a client, 2 for a server; each next one is 2 higher. */
export function firstStreamId(side: StreamSide): number {
  return side === "client" ? 1 : 2;
}

/** Whether `id` was opened by `side`. */
export function openedBy(id: number, side: StreamSide): boolean {
  return id % 2 === (side === "client" ? 1 : 0);
}

/** The header of `contract:open`. */
export interface OpenHeader {
  readonly id: number;
  readonly event: string;
  /** How many items the responder may send before the requester grants more; 0 when the event sends none. */
  readonly credit: number;
}

const MAX_EVENT_NAME = 200;

/** A stream id from untrusted input, or `undefined`. */
export function readStreamId(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** A credit grant from untrusted input (1 to the largest window), or `undefined`. */
export function readCredit(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1 && value <= MAX_STREAM_WINDOW
    ? value
    : undefined;
}

/** The header of `contract:open` from untrusted input, or `undefined`. */
export function readOpenHeader(value: unknown): OpenHeader | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { id, event, credit } = value as Record<string, unknown>;
  const streamId = readStreamId(id);
  if (streamId === undefined || typeof event !== "string" || event === "" || event.length > MAX_EVENT_NAME)
    return undefined;
  if (credit !== 0 && readCredit(credit) === undefined) return undefined;
  return { id: streamId, event, credit: credit as number };
}

/** The end of a stream, as `contract:end` carries it: the acknowledgement envelope. */
export type EndEnvelope =
  | { readonly ok: true; readonly data?: unknown }
  | { readonly ok: false; readonly error: WireError };
