import { ContractError } from "../contract-error.js";
import type { CompiledEvent } from "./catalog.js";
import type { Endpoint } from "./endpoint.js";
import { withoutRecoveryOffset } from "./endpoint.js";
import { CONTRACT_ERROR_EVENT, type ContractErrorReport, fromWireError } from "./envelope.js";
import type { Interception } from "./intercepted.js";
import { interception as paths } from "./interception-support.js";
import { type Handler, type Handlers, type Receiver, receiveEvent } from "./receive.js";
import { checkArgs, emitWithAck, emittable } from "./send.js";
import type { StreamRequest } from "./stream-request.js";
import { type Streams, streamSupport, streamsNotEnabled } from "./stream-support.js";

/** What a connection needs of its Socket.IO socket, on either side (a server's needs more: `ServerWire`). */
export interface Wire {
  readonly id: string | undefined;
  emit(event: string, ...args: any[]): unknown;
  timeout(ms: number): { emit(event: string, ...args: any[]): unknown };
  /** The same socket with Socket.IO's `volatile` flag on its next emit (see `Connection.emitVolatile`). */
  readonly volatile: Pick<Wire, "emit" | "timeout">;
  /** Why a call made now cannot be sent, where the wire can tell (a client's `OfflineGate`). */
  failure?(): ContractError | undefined;
}

/** How many unknown event names one connection tells its peer of (see `Connection.toldUnknown`). */
const MAX_TOLD_UNKNOWN = 64;

/**
 * One connection as the contract sees it, on either side: the handlers (`on`, `once`, `off`), every
 * incoming event (one catalog lookup each: contract-checked, answered, refused, or routed to its
 * stream), every outgoing emit (one lookup, checked before it leaves), the streams of both ways,
 * and their end when the connection closes. A client uses it as it is; a server socket uses
 * `ServerConnection`, which adds what only a server needs (its limits, its pending acks). Private
 * to the runtimes: a bound socket or client holds one and exposes only the public half.
 */
export class Connection implements Receiver {
  readonly #endpoint: Endpoint;
  /** The Socket.IO socket under this connection. */
  protected readonly wire: Wire;
  /**
   * The handlers of each incoming event, at the event's catalog index: made at the first `on`, so
   * a socket nobody listens on holds nothing; a lone handler is kept as itself, not in an array.
   */
  #handlers: (Handlers | undefined)[] | undefined;
  /** Made at the first stream frame or request, where streams are installed (see `installStreams`). */
  #streams: Streams | undefined;
  #interception: Interception | undefined;
  /** The unknown event names the peer was told of on this connection (see `toldUnknown`); made at the first. */
  #toldUnknown: Set<string> | undefined;
  /** Whether the emit under way goes out volatile: true only within `emitVolatile`. */
  #volatile = false;
  /** The bound socket or client that interceptors see as `socket`; set by the runtime that composes this connection. */
  peer: unknown;
  /**
   * Whether every event from the peer carries a trace context carrier, last before its ack
   * callback: a server sets it for a bound client that declared so in its handshake.
   */
  carriers = false;

  constructor(endpoint: Endpoint, wire: Wire) {
    this.#endpoint = endpoint;
    this.wire = wire;
  }

  get namespace(): string {
    return this.#endpoint.namespace;
  }

  /**
   * Adds a handler; returns the function that removes it. An ack-bearing event takes one handler,
   * since only one can answer. Throws a `TypeError` for an event this side does not receive.
   */
  on(event: string, handler: Handler): () => void {
    const definition = this.#endpoint.incoming.get(event);
    if (definition === undefined) {
      const { side, namespace } = this.#endpoint;
      throw new TypeError(
        `[socket-contract] "${event}" is not a ${side === "server" ? "client" : "server"}-to-${side} event of ${namespace}`,
      );
    }
    const slots = (this.#handlers ??= new Array(this.#endpoint.incoming.size));
    const current = slots[definition.index];
    if (current === undefined) slots[definition.index] = handler;
    else if (definition.ack !== undefined)
      throw new TypeError(`[socket-contract] "${event}" has an acknowledgement, so it takes one handler`);
    else slots[definition.index] = typeof current === "function" ? [current, handler] : [...current, handler];
    return () => this.off(event, handler);
  }

  /** Removes one handler, or every handler of the event. */
  off(event: string, handler?: Handler): void {
    const index = this.#endpoint.incoming.get(event)?.index;
    const current = index === undefined ? undefined : this.#handlers?.[index];
    if (current === undefined) return;
    const kept =
      handler === undefined ? [] : (typeof current === "function" ? [current] : current).filter((h) => h !== handler);
    this.#handlers![index!] = kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : kept;
  }

  /** The handlers of an event: the one, or several in registration order. */
  handlersOf(definition: CompiledEvent): Handlers | undefined {
    return this.#handlers?.[definition.index];
  }

  /** The interceptors of this connection's side, once it has a set (a bound client or a server namespace always has one). */
  get interception(): Interception | undefined {
    const set = this.#endpoint.interceptors;
    if (set === undefined) return undefined;
    return (this.#interception ??= {
      set,
      side: this.#endpoint.side,
      peer: this.peer,
      pattern: this.#endpoint.pattern,
    });
  }

  /** Receives one event as Socket.IO delivered it (ack callback last). Never throws. */
  receive(event: string, args: readonly unknown[]): void {
    // A report carries no ack: one sent with a callback is no event this side knows (UNKNOWN_EVENT),
    // answered through it rather than left waiting.
    if (event === CONTRACT_ERROR_EVENT && typeof args[args.length - 1] !== "function") return this.#onReport(args[0]);
    // Without streams installed (a page whose contract does not stream) a frame is an unknown event.
    const recovering = this.#endpoint.side === "client" && (this.wire as { _pid?: string })._pid !== undefined;
    if (streamSupport()?.isFrame(event)) return this.#streamsOf().receive(event, args, recovering);
    const definition = this.#endpoint.incoming.get(event);
    if (this.carriers) {
      const own = args.slice();
      // Only a server reads carriers, and a server always has interceptors, so their support is in.
      return receiveEvent(this, event, definition, own, paths().takeCarrier(own));
    }
    receiveEvent(this, event, definition, withoutRecoveryOffset(recovering, definition, args));
  }

  /**
   * Sends one event, checked before it leaves: `UNKNOWN_EVENT` or `INVALID_PAYLOAD` is thrown here
   * (a client's ack-bearing call rejects instead, see `refuseOutgoing`) and nothing is sent. For an ack-bearing event,
   * the promise of the validated acknowledgement within `timeout`.
   */
  emit(event: string, args: unknown[], timeout = this.#endpoint.ackTimeout): Promise<unknown> | undefined {
    const endpoint = this.#endpoint;
    const definition = emittable(endpoint.outgoing, event, endpoint.namespace);
    const refused = checkArgs(definition, args, endpoint.namespace);
    if (refused !== undefined) return this.refuseOutgoing(definition, refused);
    const set = endpoint.interceptors;
    if (set !== undefined && (set.outgoing.length > 0 || set.propagates))
      return paths().emit(this, definition, args, timeout);
    if (definition.ack !== undefined) return this.request(definition, args, timeout);
    this.send(event, args, timeout);
    return undefined;
  }

  /**
   * Sends one event as `emit` does, with Socket.IO's `volatile` flag: the transport drops it rather
   * than buffer it when it cannot write it now. An emit runs synchronously down to the wire (its
   * checks and outgoing interceptors included), so the flag is on for this one alone.
   */
  emitVolatile(event: string, args: unknown[]): Promise<unknown> | undefined {
    this.#volatile = true;
    try {
      return this.emit(event, args);
    } finally {
      this.#volatile = false;
    }
  }

  /** The wire the emit under way goes out on: flagged volatile within `emitVolatile`. */
  protected get out(): Pick<Wire, "emit" | "timeout"> {
    return this.#volatile ? this.wire.volatile : this.wire;
  }

  /**
   * A client's ack-bearing call fails as its promise does; anything else throws at the call site.
   * Public for `emitIntercepted` (the interceptors' path), as are `send` and `request`.
   */
  refuseOutgoing(definition: CompiledEvent, refused: ContractError): Promise<never> {
    if (definition.ack !== undefined) return Promise.reject(refused);
    throw refused;
  }

  /**
   * Sends an event without ack. A client sends through timeout(): with socket.io-client's
   * `retries`, every emit carries an ack, and only one sent with a timeout reads the server's
   * `{ ok: true }` as success.
   */
  send(event: string, args: unknown[], timeout: number): void {
    this.out.timeout(timeout).emit(event, ...args);
  }

  /** Requests a stream (see `StreamEndpoint.request`); its open must be answered within `timeout`. */
  stream(event: string, args: unknown[], timeout?: number): StreamRequest {
    return this.#streamsOf().request(event, args, timeout);
  }

  /**
   * Ends what the connection was waiting for: open streams end with `DISCONNECTED`. Called by the
   * runtime on every disconnect; a client's connection may open again afterwards.
   */
  close(): void {
    this.#streams?.close();
    // The next connection (a client's reconnection, a new socket id) is told afresh.
    this.#toldUnknown = undefined;
  }

  /** The server refused the connection (a client's): every stream request still waiting fails with the refusal. */
  refuseStreams(refusal: ContractError): void {
    this.#streams?.refuse(refusal);
  }

  sendReport(report: ContractErrorReport): void {
    this.wire.emit(CONTRACT_ERROR_EVENT, report);
  }

  report(error: ContractError, repeated = false): void {
    this.#endpoint.report(error, { namespace: this.namespace, event: error.event, socketId: this.wire.id }, repeated);
  }

  /**
   * Whether the peer was already told that `event` is unknown; records it as told otherwise. At most
   * `MAX_TOLD_UNKNOWN` names are kept: past them, a peer sending ever new names is told of no more.
   */
  toldUnknown(event: string): boolean {
    const told = (this.#toldUnknown ??= new Set());
    if (told.has(event) || told.size >= MAX_TOLD_UNKNOWN) return true;
    told.add(event);
    return false;
  }

  /** Sends one ack-bearing event and gives the promise of its validated acknowledgement. */
  request(definition: CompiledEvent, args: unknown[], timeout: number): Promise<unknown> {
    return emitWithAck(definition, this.#endpoint.namespace, this.out, timeout, args);
  }

  #streamsOf(): Streams {
    if (this.#streams !== undefined) return this.#streams;
    const support = streamSupport();
    if (support === undefined) throw streamsNotEnabled("streams are not enabled in this bundle", "binding");
    return (this.#streams = support.make(this.#endpoint, this.wire, this));
  }

  #onReport(payload: unknown): void {
    const namespace = this.namespace;
    const event =
      typeof (payload as { event?: unknown } | null)?.event === "string"
        ? (payload as { event: string }).event
        : undefined;
    this.report(
      fromWireError(payload, { namespace, event }) ??
        new ContractError("INVALID_PAYLOAD", { message: "A malformed contract:error report arrived.", namespace }),
    );
  }
}
