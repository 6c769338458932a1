import type { ContractError } from "../contract-error.js";
import type { EventCatalog } from "./catalog.js";
import type { ContractErrorReport } from "./envelope.js";
import type { Interception } from "./intercepted.js";
import type { Handler } from "./receive.js";
import type { StreamSide } from "./stream-frames.js";

/** What a connection's streams need from the runtime around them. */
export interface StreamHost {
  readonly namespace: string;
  /** Which side this is: a client opens odd stream ids, a server even ones. */
  readonly side: StreamSide;
  /** The events this side may request. */
  readonly outgoing: EventCatalog;
  /** The events the other side may request from this one. */
  readonly incoming: EventCatalog;
  /** The handler registered for an incoming stream event. */
  handlerOf(event: string): Handler | undefined;
  /** Emits one frame on the connection. */
  send(event: string, args: unknown[]): void;
  /** Sends `contract:error` to the other side. */
  sendReport(report: ContractErrorReport): void;
  /** Tells this side (its `onError`). Must not throw. */
  report(error: ContractError): void;
  /** The credit window this side grants by default (`streamWindow`). */
  readonly window: number;
  /** How many streams the other side may have open here at once (`maxStreams`). */
  readonly maxOpen: number;
  /**
   * Why a stream requested now cannot be sent (a client's socket refused or offline, see
   * `Wire.failure`): the request then fails at once with it, as an emit does.
   */
  readonly failure?: () => ContractError | undefined;
  /** The `ackTimeout` option: how long a request's open may wait for an answer (in `buffer` for a connection included). */
  readonly ackTimeout: number;
  /**
   * Where a client's frames wait while it is not connected (socket.io-client's `sendBuffer`, through
   * `OfflineGate`): a request's open waits there within its deadline, as an acked emit does.
   */
  readonly buffer?: () => { readonly data?: readonly unknown[] }[] | undefined;
  /** Whether a frame arriving now is replayed by connection state recovery (a client's, see `OfflineGate.replaying`). */
  readonly replaying?: () => boolean;
  /** The connection's interceptors, read at each item and stream (one registered later applies at once). */
  readonly interception?: () => Interception | undefined;
}
