import type {
  AnySchema,
  ContractDefinition,
  Interceptor,
  ContractError,
  ContractIdentity,
  EmitEventName,
  EventDefinition,
  InferAckOutput,
  ServerToClientOf,
  ServerToServerOf,
} from "@socket-contract/contract";

/** Where an error happened, as `onError` is told. */
export interface ErrorContext {
  readonly namespace: string;
  readonly event?: string;
  readonly socketId?: string;
}

/** Sees every refused input, every handler failure and every refused acknowledgement. */
export type ErrorHandler = (error: ContractError, context: ErrorContext) => void;

/**
 * An interceptor for every namespace of a bound server (such as `tracing()` or `metrics()`): it
 * sees any event of the contract, and the bound socket as `socket`. A namespace's own
 * interceptors (`namespace.intercept`) are typed by that namespace's events.
 */
export type ServerInterceptor = Interceptor<any, any, any>;

export interface BindServerOptions {
  /**
   * Interceptors for every namespace, run in this order, before those a namespace adds with
   * `intercept` (see `Interceptor`): around each valid incoming event, before each checked outgoing
   * packet, at each connection attempt.
   */
  readonly interceptors?: readonly ServerInterceptor[];
  /** How long an emit waits for its acknowledgement when no `timeout(ms)` is given. Default 10,000 ms. */
  readonly ackTimeout?: number;
  /**
   * Called for every refused input and handler failure. Default: failures that are the server's
   * own bugs (`HANDLER_ERROR`, `INVALID_ACK`) are printed with `console.error`; refused client input
   * is not, since any stranger can send it.
   */
  readonly onError?: ErrorHandler;
  /**
   * How fast one socket may send events: a token bucket that holds `burst` events and refills at
   * `eventsPerSecond`. An event over the limit is refused with `RATE_LIMITED` (through its ack, else
   * `contract:error` at most once a second) and reaches `onError`; its handler does not run.
   * Default `{ eventsPerSecond: 100, burst: 10 × eventsPerSecond }` (1,000 at once); `false` turns it off.
   */
  readonly rateLimit?: RateLimitOptions | false;
  /**
   * How many handlers of one socket may run at once (an async handler runs until its promise
   * settles). An event that arrives while this many run is refused with `RATE_LIMITED`.
   * Default 1,000 (the default burst); `false` turns it off.
   */
  readonly maxInFlight?: number | false;
  /**
   * How deep an incoming value (an argument, an ack, error data, the handshake `auth`) may nest,
   * arrays and objects inside each other, where its schema is recursive (`z.lazy`, `z.json()`, a
   * getter that refers back). Deeper input is refused with `INVALID_PAYLOAD` (issue code
   * `too_deep`) before it is parsed, so refusing it costs a walk of at most this many levels.
   * Schemas without recursion stop at their own depth and are not walked. Default 128 (a tree of 64 generations of `{ children: [...] }`); `Infinity`
   * turns it off.
   */
  readonly maxDepth?: number;
  /**
   * What to do with a client built from another version of the contract (another fingerprint; the
   * client runtime sends its contract's name, version and fingerprint in the handshake).
   * `"accept"` (the default) admits it and tells `onError` (`CONTRACT_MISMATCH`, not printed by
   * default); `"reject"` refuses it, and any client that sent no identity, with a `connect_error`
   * whose `data` is `{ code: "CONTRACT_MISMATCH", message, data: { client, server } }`; a function
   * decides, returning `true` to admit.
   */
  readonly versionPolicy?: VersionPolicy;
  /**
   * How many items of a stream may be in flight, unread, when this side receives them (its credit
   * window): a client's upload through `streamOf()` (unless the `streamOf()` says), or the items a
   * client sends when the server requests a stream. Default 16.
   */
  readonly streamWindow?: number;
  /** How many streams one client may have open on its connection at once; the next is refused with `RATE_LIMITED`. Default 64. */
  readonly maxStreams?: number;
}

/**
 * Decides about a client on another contract: `client` is what it claims (`undefined` when it sent
 * nothing, such as a plain Socket.IO client), `server` is this server's own identity.
 */
export type VersionPolicy =
  | "accept"
  | "reject"
  | ((client: ContractIdentity | undefined, server: ContractIdentity) => boolean | Promise<boolean>);

/** The per-socket rate limit of incoming events. */
export interface RateLimitOptions {
  /** The average rate allowed. Default 100. */
  readonly eventsPerSecond?: number;
  /** How many events may arrive at once after a quiet spell. Default ten times `eventsPerSecond`. */
  readonly burst?: number;
}

/** The server-to-client events sent with `emit`: every one that does not stream. */
export type ServerEventName<TContract extends ContractDefinition, TPath extends string> = EmitEventName<
  ServerToClientOf<TContract, TPath>
>;
export type InterServerEventName<TContract extends ContractDefinition> = keyof ServerToServerOf<TContract> & string;

/** The event names a broadcast may carry without acknowledgements. */
export type EventWithoutAck<TEvents> = Extract<
  {
    [TName in keyof TEvents & string]: TEvents[TName] extends { readonly ack: unknown } ? never : TName;
  }[keyof TEvents & string],
  EmitEventName<TEvents>
>;

/** What a broadcast returns: for an ack-bearing event, a promise of every recipient's validated acknowledgement. */
export type BroadcastResult<TEvent extends EventDefinition> = TEvent extends { readonly ack: AnySchema }
  ? Promise<InferAckOutput<TEvent>[]>
  : void;
