import type { ContractError } from "../contract-error.js";
import type { CompiledEvent, EventCatalog } from "./catalog.js";
import type { ReportContext } from "./error-fan-out.js";
import type { StreamSettings } from "./stream-settings.js";
import type { InterceptorSet } from "./intercept.js";
import type { StreamSide } from "./stream-frames.js";

/** How long an emit waits for its acknowledgement when no `timeout(ms)` is given, on both sides. */
export const DEFAULT_ACK_TIMEOUT = 10_000;

/**
 * What every connection of one namespace shares, on either side: built once per namespace (a
 * server) or per bound client, never per socket. A plain object, so that a dynamic namespace's
 * child can be a two-property `Object.create` over its parent's.
 */
export interface Endpoint {
  /** The namespace's path, as errors and `onError` name it. */
  readonly namespace: string;
  /** A dynamic namespace's key (`"/org/:orgId"`), on its pattern and every child: what interceptors count by. */
  readonly pattern?: string;
  /**
   * Which side this is. It settles the wire strategy: a client opens odd stream ids, sends
   * ack-less events through `timeout()` (see `Connection.emit`), rejects a refused ack-bearing
   * emit rather than throwing, and drops recovery offsets; a server tracks its pending acks.
   */
  readonly side: StreamSide;
  /** What this side accepts. */
  readonly incoming: EventCatalog;
  /** What this side may send. */
  readonly outgoing: EventCatalog;
  /** The `ackTimeout` option, or `DEFAULT_ACK_TIMEOUT` (the same on both sides). */
  readonly ackTimeout: number;
  /** `streamWindow` and `maxStreams`; a page binding without streams enabled reads neither. */
  readonly streams: StreamSettings | undefined;
  /** The side's `onError` fan-out (`repeated`: see `ErrorFanOut.report`). Never throws. */
  readonly report: (error: ContractError, context: ReportContext, repeated?: boolean) => void;
  /** The interceptors of this namespace (a server's, its own after them) or of a bound client. */
  readonly interceptors?: InterceptorSet | undefined;
}

/**
 * Drops the offset that Socket.IO's `connectionStateRecovery` appends to every stored packet a
 * server sends (socket.io-client reads it from the same place; it is no argument of the event). It
 * is there exactly when recovery is on (the client socket has a `_pid`) and the packet carries no
 * ack: then the event arrives with one string more than it declares.
 */
export function withoutRecoveryOffset(
  recovering: boolean,
  event: CompiledEvent | undefined,
  args: readonly unknown[],
): readonly unknown[] {
  if (!recovering || event === undefined) return args;
  if (args.length !== event.args.length + 1 || typeof args[args.length - 1] !== "string") return args;
  return args.slice(0, -1);
}
