import type {
  ClientToServerOf,
  ContractDefinition,
  ContractError,
  Interceptor,
  ServerToClientOf,
} from "@socket-contract/contract";
import type { BoundClient } from "./bind-client.js";
import type { WhenOffline } from "./offline-gate.js";

/**
 * `TInterceptor` is what `interceptors` takes: `bindClient` types it by the bound namespace's events
 * and the bound client (`socket`).
 */
export interface BindClientOptions<TInterceptor = Interceptor<any, any, any>> {
  /**
   * Interceptors, run in this order (see `Interceptor`): around each valid incoming event, before
   * each checked outgoing emit, at each connection attempt. One that propagates (`tracing()`)
   * makes this client send a trace context carrier with each event, as one more argument that a
   * bound server takes off: use one only with a bound server.
   */
  readonly interceptors?: readonly TInterceptor[];
  /**
   * How long an emit waits for its acknowledgement when no `timeout(ms)` is given. Default: the
   * socket's own `ackTimeout` option where socket.io-client was given one (`io(url, { ackTimeout })`,
   * also how long each try waits under `retries`), else 10,000 ms.
   */
  readonly ackTimeout?: number;
  /**
   * How deep an incoming value (an event's arguments, an ack, error data) may nest where its schema
   * is recursive; deeper input is refused with `INVALID_PAYLOAD` (issue code `too_deep`) before it
   * is parsed. Default 128 (a tree of 64 generations of `{ children: [...] }`); `Infinity` turns it off. The server's `maxDepth` does the same.
   */
  readonly maxDepth?: number;
  /**
   * How many items of a stream may be in flight, unread, when this client receives them (its
   * credit window): the items of a stream it requested (unless the call says `{ window }`), or an
   * upload the server sends it. Default 16. Checked at bind time wherever streams are enabled (in
   * Node always; in a page once it calls `enableStreams()`); a page without streams reads neither
   * this nor `maxStreams`.
   */
  readonly streamWindow?: number;
  /** How many streams the server may have open on this client at once; the next is refused with `RATE_LIMITED`. Default 64. */
  readonly maxStreams?: number;
  /**
   * What a call does while the socket is not connected. `"buffer"` (the default, Socket.IO's own
   * behaviour): it waits in socket.io-client's buffer and is sent once the socket connects, unless
   * its ack timeout ends first. `"fail"`: nothing is sent or kept; an ack-bearing emit or a stream
   * request rejects at once with `DISCONNECTED`, and an event without ack reaches `onError` as
   * `DISCONNECTED`. Either way, a connection the server refuses (`auth`, middleware, version)
   * fails every waiting call at once with the refusal's code, and every call made until the next
   * connection attempt (`socket.connect()`).
   */
  readonly whenOffline?: WhenOffline;
}

/** Sees `contract:error` reports from the server and every incoming event this client refused. */
export type ClientErrorHandler = (error: ContractError) => void;

/** An interceptor of a bound client, typed by its namespace's events; `socket` is the bound client. */
export type ClientInterceptor<TContract extends ContractDefinition, TPath extends string> = Interceptor<
  ServerToClientOf<TContract, TPath>,
  ClientToServerOf<TContract, TPath>,
  BoundClient<TContract, TPath & keyof TContract["namespaces"] & string>
>;
