import { ContractError } from "../contract-error.js";
import type { CompiledEvent } from "./catalog.js";
import { Connection, type Wire } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import { CONTRACT_ERROR_EVENT } from "./envelope.js";
import { type Handler, type RunningHandlers, refuseIncoming, whereOf } from "./receive.js";
import { watch } from "./listener.js";
import { requestAck } from "./send.js";
import { STREAM_OPEN, isStreamFrame } from "./stream-frames.js";

/** Decides whether one more incoming event may be received (the server's rate limit and in-flight cap). */
export interface Admission {
  /** `undefined` to admit the event; otherwise why it is refused (`RATE_LIMITED`). */
  admit(): string | undefined;
  /** Whether a refused event without callback may be told of it now: a flood is told at most so often. */
  reportDue(): boolean;
  /** Where running handlers are counted, if they are capped. */
  readonly running: RunningHandlers | undefined;
}

type AckCallback = (error: Error | null, envelope?: unknown) => void;

/** What socket.io-client rejects its pending acks with on a disconnect; the server's get the same. */
const DISCONNECTED_MESSAGE = "socket has been disconnected";

/**
 * A server socket's connection: the shared `Connection`, plus the server's limits on what it
 * receives and the acks it awaits. Socket.IO's server never calls a pending ack's callback when the
 * connection closes (the ack would wait for its timeout and reject with `TIMEOUT`): this one ends
 * them with `DISCONNECTED` at once, as socket.io-client does on its side. Kept apart from
 * `Connection` so that a client bundle carries none of it.
 */
/** What a server connection needs of its socket.io `Socket`: a client's gate has no use for the rest. */
export interface ServerWire extends Wire {
  readonly connected: boolean;
  once(event: "disconnect", listener: () => void): unknown;
  on(event: Lifecycle, listener: (...args: any[]) => void): unknown;
  off(event: Lifecycle, listener: (...args: any[]) => void): unknown;
}

/** Socket.IO's own events on a server socket that a bound socket passes through to it. */
type Lifecycle = "disconnect" | "disconnecting";

/** One lifecycle listener: what the bound socket was given, and what the Socket.IO socket was given. */
interface LifecycleListener {
  readonly event: Lifecycle;
  readonly handler: Handler;
  readonly wrapper: (...args: unknown[]) => void;
}

const isLifecycle = (event: string): event is Lifecycle => event === "disconnect" || event === "disconnecting";

export class ServerConnection extends Connection {
  declare protected readonly wire: ServerWire;
  readonly #admission: Admission | undefined;
  /**
   * The acks still awaited; `undefined` until `close` is to run on the disconnect (set at the
   * first stream or awaited ack, so an idle socket holds no listener), `null` while nothing waits.
   */
  #pending: Set<AckCallback> | null | undefined;
  /** The lifecycle listeners added through the bound socket: `off("disconnect")` removes these, never the runtime's own. */
  #lifecycle: LifecycleListener[] | undefined;

  constructor(endpoint: Endpoint, wire: ServerWire, admission?: Admission) {
    super(endpoint, wire);
    this.#admission = admission;
  }

  get running(): RunningHandlers | undefined {
    return this.#admission?.running;
  }

  /**
   * Adds a handler of a contract event, or passes a lifecycle listener (`disconnect`,
   * `disconnecting`) through to the Socket.IO socket; what such a listener throws or rejects with
   * goes to `onError` as `HANDLER_ERROR` rather than out of Socket.IO's close.
   */
  override on(event: string, handler: Handler): () => void {
    if (!isLifecycle(event)) return super.on(event, handler);
    const failed = (cause: unknown): void =>
      this.report(
        new ContractError("HANDLER_ERROR", {
          message: `A "${event}" listener failed.`,
          cause,
          ...whereOf(this, event),
        }),
      );
    const entry: LifecycleListener = {
      event,
      handler,
      wrapper: (...args) => {
        try {
          watch(handler(...args), failed);
        } catch (cause) {
          failed(cause);
        }
      },
    };
    (this.#lifecycle ??= []).push(entry);
    this.wire.on(event, entry.wrapper);
    return () => this.#forget(entry);
  }

  override off(event: string, handler?: Handler): void {
    if (!isLifecycle(event)) return super.off(event, handler);
    for (const entry of this.#lifecycle?.filter((e) => e.event === event && (handler ?? e.handler) === e.handler) ?? [])
      this.#forget(entry);
  }

  #forget(entry: LifecycleListener): void {
    const index = this.#lifecycle?.indexOf(entry) ?? -1;
    if (index < 0) return;
    this.#lifecycle!.splice(index, 1);
    this.wire.off(entry.event, entry.wrapper);
  }

  override receive(event: string, args: readonly unknown[]): void {
    const admission = this.#admission;
    // Frames of open streams are bounded by their credit, not by the admission's rate. A report
    // (`contract:error` with no callback) runs no handler, and answers what this server sent: a
    // client one release behind reports every new event it cannot read, and counted, those reports
    // would leave its own calls RATE_LIMITED.
    if (
      admission !== undefined &&
      !(isStreamFrame(event) && event !== STREAM_OPEN) &&
      !(event === CONTRACT_ERROR_EVENT && typeof args[args.length - 1] !== "function")
    ) {
      const refusal = admission.admit();
      if (refusal !== undefined) {
        const error = new ContractError("RATE_LIMITED", { message: refusal, ...whereOf(this, event) });
        return refuseIncoming(this, args, error, () => admission.reportDue());
      }
    }
    if (isStreamFrame(event)) this.#watchClose();
    super.receive(event, args);
  }

  override stream(event: string, args: unknown[]): ReturnType<Connection["stream"]> {
    this.#watchClose();
    const request = super.stream(event, args);
    // A server socket never connects again: a request after its disconnect fails at once, as an emit does.
    if (!this.wire.connected)
      request.close(new ContractError("DISCONNECTED", { message: DISCONNECTED_MESSAGE, ...request.where }));
    return request;
  }

  /** A server's refused emit throws, ack or not: a programming error at the call site. */
  override refuseOutgoing(_definition: CompiledEvent, refused: ContractError): never {
    throw refused;
  }

  override send(event: string, args: unknown[]): void {
    this.out.emit(event, ...args);
  }

  override close(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (pending) for (const settle of pending) settle(new Error(DISCONNECTED_MESSAGE));
    super.close();
  }

  override request(definition: CompiledEvent, args: unknown[], timeout: number): Promise<unknown> {
    const wire = this.wire;
    return requestAck(definition, { namespace: this.namespace, event: definition.name }, (callback) => {
      // A server socket never connects again: an emit after its disconnect is answered at once.
      if (!wire.connected) return callback(new Error(DISCONNECTED_MESSAGE));
      this.#watchClose();
      const pending = (this.#pending ??= new Set());
      const settle: AckCallback = (error, envelope) => {
        if (pending.delete(settle)) callback(error, envelope);
      };
      pending.add(settle);
      this.out.timeout(timeout).emit(definition.name, ...args, settle);
    });
  }

  /** A server socket never connects again: one listener, for its one disconnect. */
  #watchClose(): void {
    if (this.#pending !== undefined) return;
    this.#pending = null;
    this.wire.once("disconnect", () => this.close());
  }
}
