import type { ContractError } from "./contract-error.js";
import type { InferAckInput, InferArgsInput, InferArgsOutput } from "./infer.js";
import type { EventDefinition, EventMap } from "./types.js";

/** Which runtime an interceptor runs in: `@socket-contract/server` or `@socket-contract/client`. */
export type Side = "server" | "client";

/**
 * Trace context fields (`traceparent`, `tracestate`, ...), as an OpenTelemetry propagator reads and
 * writes them. Only a bound client and a bound server exchange them, after the handshake said so.
 */
export type Carrier = Record<string, string>;

/**
 * How something ended, as an interceptor observes it: the value sent or received (an ack's, or
 * `undefined` for an event without ack), or the `ContractError` with its code; `duration` in
 * milliseconds (the handler's run for an incoming event, the wait for the ack for an outgoing one).
 */
export type Outcome<TValue = unknown> =
  | { readonly ok: true; readonly value: TValue; readonly duration: number }
  | { readonly ok: false; readonly error: ContractError; readonly duration: number };

/** Where something crosses the wire: the side observing it and the namespace. */
interface Place {
  readonly side: Side;
  /** The namespace's path, such as `"/chat"`. */
  readonly namespace: string;
  /** A dynamic namespace's key, such as `"/org/:orgId"` (`namespace` is then the concrete path): low cardinality, for metrics. */
  readonly pattern?: string;
}

interface Common<TSocket> extends Place {
  /** Server: the bound socket (typed `data`). Client: the bound client. */
  readonly socket: TSocket;
  /** The size in bytes of the values as they travel (JSON text plus binary attachments), measured only when called. */
  size(): number;
}

/**
 * One valid incoming event, after its arguments passed the contract and before its handler runs:
 * the event's name, its parsed arguments (read-only: they are the handler's), the socket, and the
 * trace context the sender propagated (`{}` from a peer that propagates none, such as a plain
 * Socket.IO client).
 */
export type IncomingCall<TEvents extends EventMap = EventMap, TSocket = unknown> = {
  [TName in keyof TEvents & string]: Common<TSocket> & {
    readonly event: TName;
    readonly args: Readonly<InferArgsOutput<TEvents[TName]>>;
    /** Whether the event answers with an acknowledgement. */
    readonly hasAck: boolean;
    readonly carrier: Readonly<Carrier>;
  };
}[keyof TEvents & string];

// For the unspecific `EventMap` (an interceptor written for any contract), every event may have an ack.
type AckEvents<TEvents extends EventMap> = string extends keyof TEvents
  ? string
  : {
      [TName in keyof TEvents & string]: TEvents[TName] extends { readonly ack: unknown } ? TName : never;
    }[keyof TEvents & string];
type AckValue<TEvent> = TEvent extends EventDefinition & { readonly ack: unknown } ? InferAckInput<TEvent> : unknown;

/**
 * One checked outgoing packet, just before it leaves: an `emit` to one peer (a socket from
 * `fetchSockets()` included, with `socket` undefined), a `broadcast` (once, whatever the number of
 * recipients, `socket` undefined), the `ack` answering an incoming event, or one `item` of a
 * stream this side sends (what a stream handler yields, or an upload's chunk). Values are the
 * checked ones and read-only. `carrier` is where a client interceptor writes trace context for the
 * server; it travels only between a bound client and a bound server.
 */
export type OutgoingPacket<
  TOutgoing extends EventMap = EventMap,
  TIncoming extends EventMap = EventMap,
  TSocket = unknown,
> =
  | {
      [TName in keyof TOutgoing & string]: Common<TSocket | undefined> & {
        readonly kind: "emit" | "broadcast";
        readonly event: TName;
        readonly args: Readonly<InferArgsInput<TOutgoing[TName]>>;
        readonly hasAck: boolean;
        readonly carrier: Carrier;
      };
    }[keyof TOutgoing & string]
  | {
      [TName in AckEvents<TIncoming>]: Common<TSocket> & {
        readonly kind: "ack";
        readonly event: TName;
        readonly value: Readonly<AckValue<TIncoming[TName]>>;
        readonly hasAck: true;
        readonly carrier: Carrier;
      };
    }[AckEvents<TIncoming>]
  | {
      [TName in (keyof TOutgoing | keyof TIncoming) & string]: Common<TSocket> & {
        readonly kind: "item";
        readonly event: TName;
        /** The checked item. */
        readonly value: unknown;
        readonly hasAck: false;
        readonly carrier: Carrier;
      };
    }[(keyof TOutgoing | keyof TIncoming) & string];

/**
 * One stream as it opens on this side: one it requested (`role` `"request"`, its event one this
 * side sends) or one it answers (`"response"`, an event the peer requested).
 */
export interface StreamOpening<TSocket = unknown> extends Place {
  readonly event: string;
  readonly role: "request" | "response";
  /** Server: the bound socket. Client: the bound client. */
  readonly socket: TSocket;
  /**
   * Trace context. A requester's interceptor writes here what travels in `contract:open` (an
   * optional header field, which older peers ignore); a responder's reads what the requester sent
   * (`{}` from a peer that sends none, such as a plain Socket.IO client).
   */
  readonly carrier: Carrier;
}

/** A stream is over on this side, however it ended (its ack, an error, a cancel, a disconnect): how long it was open, in milliseconds. */
export interface StreamClosing {
  readonly duration: number;
}

/**
 * One connection attempt to a namespace. Server: a client's handshake, before `auth`, the version
 * policy and middleware decide (`id` is the socket's id, `carrier` the client's trace context).
 * Client: one CONNECT packet about to leave (`id` is `undefined`, `carrier` is written by
 * interceptors and travels in the handshake).
 */
export interface ConnectionAttempt<TSocket = unknown> extends Place {
  readonly id: string | undefined;
  readonly carrier: Carrier;
  /** Server: `undefined` until admitted. Client: the bound client. */
  readonly socket: TSocket | undefined;
}

/** How a connection attempt ended; when admitted, `closed` settles with the disconnect reason. */
export type ConnectionOutcome =
  | { readonly ok: true; readonly duration: number; readonly closed: Promise<string> }
  | { readonly ok: false; readonly error: ContractError; readonly duration: number };

/**
 * An incoming event refused before any interceptor ran (unknown, invalid arguments, over a rate
 * limit, ...): what `refused` observes. `event` is the name the peer sent, cut to 200 characters.
 */
export interface Refusal<TSocket = unknown> extends Place {
  readonly event: string;
  readonly socket: TSocket;
  readonly error: ContractError;
}

/**
 * Sees, and may refuse, what crosses the wire, on the server (all namespaces or one) or on a
 * client. Interceptors run in the order they were registered, bound server's first, then the
 * namespace's. Each part is optional.
 *
 * - `incoming(call, next)`: runs after validation, before the handler. Throw a `ContractError`
 *   (`FORBIDDEN`, or a code the event declares) to refuse: the sender gets it as it would from the
 *   handler. `next()` runs the later interceptors and the handler, sends the answer, and resolves
 *   with the outcome (never rejects); run it inside a context (`context.with(ctx, next)`) to have
 *   the handler run there. Anything else thrown is `HANDLER_ERROR` to the sender and the original
 *   to `onError`; an interceptor that returns without calling `next()` refuses with `HANDLER_ERROR`.
 * - `outgoing(packet)`: runs after the outgoing check, synchronously, before the packet leaves.
 *   Throw to refuse (the emit throws, or rejects for an ack-bearing client call; a refused ack
 *   answers the sender with the error); return a function to observe the outcome. It cannot change
 *   what is sent: the values were checked before it ran, and it sees them read-only.
 *
 * The values interceptors are handed (`call.args`, `packet.args`, `packet.value`, an outcome's
 * `value`) are read-only views at any depth: a write throws a `TypeError`, which refuses as any
 * other throw does. Binary values, dates and class instances are handed over as they are.
 * - `connection(attempt)`: sees each connection attempt; return a function to observe its outcome.
 * - `refused(refusal)`: sees each incoming event refused before the interceptors (observe only).
 * - `stream(opening)`: sees each stream open on this side; return a function to hear when it closes.
 *   Each item a stream sends passes `outgoing` (kind `item`); a refused item ends the stream with
 *   the refusal's code.
 *
 * @example
 * const onlyAdmins: Interceptor = {
 *   incoming: (call, next) => {
 *     if (call.event.startsWith("admin:") && !isAdmin(call.socket)) throw new ContractError("FORBIDDEN");
 *     return next();
 *   },
 * };
 */
export interface Interceptor<
  TIncoming extends EventMap = EventMap,
  TOutgoing extends EventMap = EventMap,
  TSocket = unknown,
> {
  readonly incoming?: (call: IncomingCall<TIncoming, TSocket>, next: () => Promise<Outcome>) => unknown;
  readonly outgoing?: (packet: OutgoingPacket<TOutgoing, TIncoming, TSocket>) => void | ((outcome: Outcome) => void);
  readonly connection?: (attempt: ConnectionAttempt<TSocket>) => void | ((outcome: ConnectionOutcome) => void);
  readonly refused?: (refusal: Refusal<TSocket>) => void;
  readonly stream?: (opening: StreamOpening<TSocket>) => void | ((closing: StreamClosing) => void);
  /**
   * Whether this interceptor writes trace context into carriers. A bound client declares carriers
   * in its handshake (and appends one to each event) only when an interceptor it was bound with
   * propagates; a server reads them from any client that declared them.
   */
  readonly propagates?: boolean;
}
