import {
  type ContractDefinition,
  ContractError,
  type EmitResult,
  type EventHandler,
  type InferArgsInput,
  type InferAuth,
  type InferNamespaceParams,
  type InferSocketData,
  type StreamArgs,
  type StreamResult,
} from "@socket-contract/contract";
import {
  CONTRACT_ERROR_EVENT,
  type ContractErrorReport,
  type Handler,
  type Receiver,
  type RunningHandlers,
  STREAM_OPEN,
  StreamEndpoint,
  fromWireError,
  isStreamFrame,
  receive,
} from "@socket-contract/contract/protocol";
import type { Socket } from "socket.io";
import { BoundBroadcast } from "./broadcast.js";
import { type LimitSettings, SocketLimits } from "./limits.js";
import { type NamespaceRuntime, emitToSocket } from "./runtime.js";
import type { ClientEventName, ClientEvents, EventOf, ServerEventName, ServerEvents, ServerStreamEventName } from "./types.js";

type Path<TContract extends ContractDefinition, TPath extends string> = TPath & keyof TContract["namespaces"] & string;

const NO_PARAMS = Object.freeze({});

/** Where a raw socket keeps its bound socket. */
export const BOUND = Symbol("socket-contract.bound");

/**
 * One connected client, as the contract sees it: `on` registers validated handlers whose return
 * value is the acknowledgement, `emit` checks what leaves, and `raw` is the plain Socket.IO socket.
 */
export class BoundSocket<TContract extends ContractDefinition, TPath extends string> implements Receiver {
  /** The plain Socket.IO socket, for what the contract does not cover. */
  readonly raw: Socket;
  /** The handshake `auth`, as parsed by the namespace's `auth` schema. */
  readonly auth: InferAuth<TContract, Path<TContract, TPath>>;
  /**
   * The parameters of a dynamic namespace's path (`/org/acme` on `"/org/:orgId"` gives
   * `{ orgId: "acme" }`), parsed by its `params` schema; `{}` on a static namespace.
   */
  readonly params: InferNamespaceParams<TContract, Path<TContract, TPath>>;
  readonly #runtime: NamespaceRuntime;
  #handlers: Map<string, Handler[]> | undefined;
  readonly #limits: SocketLimits | undefined;

  constructor(runtime: NamespaceRuntime, raw: Socket, auth: unknown, limits?: LimitSettings, params: unknown = NO_PARAMS) {
    this.raw = raw;
    this.auth = auth as never;
    this.params = params as never;
    this.#runtime = runtime;
    this.#limits = limits === undefined ? undefined : new SocketLimits(limits);
  }

  /**
   * The one `onAny` listener of every bound socket: Socket.IO calls it with the raw socket as
   * `this`, so no closure is kept per connection.
   */
  static readonly #onAny = function (this: Socket & { [BOUND]?: BoundSocket<any, any> }, event: string, ...args: unknown[]): void {
    const bound = this[BOUND];
    if (bound !== undefined) bound.#receive(event, args);
  };

  /** @internal Starts receiving: every incoming event goes through the contract first. */
  listen(): void {
    (this.raw as Socket & { [BOUND]?: BoundSocket<any, any> })[BOUND] = this;
    this.raw.onAny(BoundSocket.#onAny);
  }

  /** This connection's streams, both ways; made at the first stream frame or request. */
  #streams: StreamEndpoint | undefined;

  #streamsOf(): StreamEndpoint {
    if (this.#streams !== undefined) return this.#streams;
    const runtime = this.#runtime;
    const raw = this.raw;
    const streams = new StreamEndpoint({
      namespace: runtime.path,
      side: "server",
      outgoing: runtime.outgoing,
      incoming: runtime.incoming,
      handlerOf: (event) => this.#handlers?.get(event)?.[0],
      send: (event, args) => raw.emit(event, ...args),
      sendReport: (report) => this.sendReport(report),
      report: (error) => this.report(error),
      window: runtime.streams.window,
      maxOpen: runtime.streams.maxOpen,
    });
    raw.once("disconnect", () => streams.close(new ContractError("DISCONNECTED", { message: "The connection closed before the stream ended.", namespace: runtime.path })));
    return (this.#streams = streams);
  }

  /**
   * Requests a stream from this client (a server-to-client event with `stream` or a `streamOf()`
   * argument): its arguments are checked first (`INVALID_PAYLOAD` is thrown here, nothing sent);
   * give `{ signal, window }` after them. The result is read with `for await`, exposes the final
   * acknowledgement as `ack`, and is cancelled by `break`, `cancel()` or the signal.
   *
   * @example
   * for await (const { pct } of socket.stream("progress", jobId)) bar.update(pct);
   */
  stream<TEvent extends ServerStreamEventName<TContract, TPath>>(
    event: TEvent,
    ...args: StreamArgs<EventOf<ServerEvents<TContract, TPath>, TEvent>>
  ): StreamResult<EventOf<ServerEvents<TContract, TPath>, TEvent>> {
    return this.#streamsOf().request(event, args) as never;
  }

  #receive(event: string, args: unknown[]): void {
    // Frames of open streams are bounded by their credit, not by the per-event rate limit.
    if (isStreamFrame(event) && event !== STREAM_OPEN) return this.#streamsOf().receive(event, args);
    if (this.#limits !== undefined && !this.#limits.admit(this, event, args)) return;
    if (event === CONTRACT_ERROR_EVENT) this.#onReport(args[0]);
    else if (event === STREAM_OPEN) this.#streamsOf().receive(event, args);
    else receive(this, event, args);
  }

  get id(): string {
    return this.raw.id;
  }

  get handshake(): Socket["handshake"] {
    return this.raw.handshake;
  }

  get rooms(): Set<string> {
    return this.raw.rooms;
  }

  get connected(): boolean {
    return this.raw.connected;
  }

  /** `socket.data`, typed by the namespace's `data` schema (checked when the connection is admitted). */
  get data(): InferSocketData<TContract, Path<TContract, TPath>> {
    return this.raw.data;
  }

  set data(value: InferSocketData<TContract, Path<TContract, TPath>>) {
    this.raw.data = value;
  }

  /**
   * Handles a client-to-server event. The handler gets the parsed arguments spread in order, and
   * runs only for valid input; its return value (or resolved promise) is the acknowledgement. Throw
   * a `ContractError` with a declared code to answer with that error.
   *
   * @example
   * socket.on("message:send", async ({ room, text }) => save(room, text));
   */
  on<TEvent extends ClientEventName<TContract, TPath>>(event: TEvent, handler: EventHandler<EventOf<ClientEvents<TContract, TPath>, TEvent>>): this {
    const definition = this.#runtime.incoming.get(event);
    if (definition === undefined) throw new TypeError(`[socket-contract] "${event}" is not a client-to-server event of ${this.#runtime.path}`);
    const handlers = (this.#handlers ??= new Map()).get(event);
    if (handlers === undefined) this.#handlers.set(event, [handler as Handler]);
    else if (definition.ack !== undefined) throw new TypeError(`[socket-contract] "${event}" has an acknowledgement, so it takes one handler`);
    else handlers.push(handler as Handler);
    return this;
  }

  /**
   * Removes one handler, or every handler of the event.
   *
   * @example
   * socket.off("typing", onTyping);
   */
  off<TEvent extends ClientEventName<TContract, TPath>>(event: TEvent, handler?: EventHandler<EventOf<ClientEvents<TContract, TPath>, TEvent>>): this {
    const handlers = this.#handlers?.get(event);
    if (handlers === undefined) return this;
    const kept = handler === undefined ? [] : handlers.filter((h) => h !== handler);
    if (kept.length === 0) this.#handlers!.delete(event);
    else this.#handlers!.set(event, kept);
    return this;
  }

  /**
   * Sends a server-to-client event to this socket, checked before it leaves (a bad payload throws
   * `INVALID_PAYLOAD` here). For an ack-bearing event, the promise of the client's validated
   * acknowledgement, within the `ackTimeout` option.
   *
   * @example
   * const answer = await socket.emit("ping"); // "pong"
   */
  emit<TEvent extends ServerEventName<TContract, TPath>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<ServerEvents<TContract, TPath>, TEvent>>
  ): EmitResult<EventOf<ServerEvents<TContract, TPath>, TEvent>> {
    return emitToSocket(this.#runtime, this.raw, event, args, undefined) as never;
  }

  /**
   * Sets the acknowledgement timeout of one emit.
   *
   * @example
   * const answer = await socket.timeout(2_000).emit("ping");
   */
  timeout(ms: number): Pick<BoundSocket<TContract, TPath>, "emit"> {
    const runtime = this.#runtime;
    const raw = this.raw;
    return {
      emit: ((event: string, ...args: unknown[]) => emitToSocket(runtime, raw, event, args, ms)) as never,
    };
  }

  /** To everyone in these rooms but this socket. @example socket.to("lobby").emit("message", message); */
  to(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.raw.to(room as string | string[]));
  }

  /** Same as `to`. @example socket.in("lobby").emit("message", message); */
  in(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.to(room);
  }

  /** To everyone but this socket and these rooms. @example socket.except("muted").emit("message", message); */
  except(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.raw.except(room as string | string[]));
  }

  /** To everyone in the namespace but this socket. @example socket.broadcast.emit("message", message); */
  get broadcast(): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.raw.broadcast);
  }

  /** @example await socket.join("lobby"); */
  join(room: string | readonly string[]): Promise<void> | void {
    return this.raw.join(room as string | string[]);
  }

  /** @example await socket.leave("lobby"); */
  leave(room: string): Promise<void> | void {
    return this.raw.leave(room);
  }

  /** @example socket.disconnect(true); */
  disconnect(close = false): this {
    this.raw.disconnect(close);
    return this;
  }

  // Receiver: how the shared protocol reaches this socket.

  /** @internal */
  get namespace(): string {
    return this.#runtime.path;
  }

  /** @internal */
  get events(): NamespaceRuntime["incoming"] {
    return this.#runtime.incoming;
  }

  /** @internal Where `maxInFlight` applies: `receive` counts this socket's running handlers here. */
  get running(): RunningHandlers | undefined {
    return this.#limits?.running;
  }

  /** @internal */
  handlersOf(event: string): readonly Handler[] | undefined {
    return this.#handlers?.get(event);
  }

  /** @internal */
  sendReport(report: ContractErrorReport): void {
    this.raw.emit(CONTRACT_ERROR_EVENT, report);
  }

  /** @internal */
  report(error: ContractError): void {
    this.#runtime.report(error, { namespace: this.#runtime.path, event: error.event, socketId: this.raw.id });
  }

  #onReport(payload: unknown): void {
    const event = typeof (payload as { event?: unknown } | null)?.event === "string" ? (payload as { event: string }).event : undefined;
    const error = fromWireError(payload, { namespace: this.#runtime.path, event }) ?? new ContractError("INVALID_PAYLOAD", { message: "A malformed contract:error report arrived.", namespace: this.#runtime.path });
    this.report(error);
  }
}
