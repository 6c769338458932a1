import { type ContractDefinition, ContractError, type InferArgsInput, type NamespaceDefinition } from "@socket-contract/contract";
import { compileEvents, parseValue, prepareSchema, splitHandshake } from "@socket-contract/contract/protocol";
import type { Namespace, Socket } from "socket.io";
import { BoundBroadcast } from "./broadcast.js";
import { connectError } from "./errors.js";
import type { LimitSettings } from "./limits.js";
import type { BoundRemoteSocket } from "./remote-socket.js";
import type { NamespaceRuntime } from "./runtime.js";
import { BOUND, BoundSocket } from "./socket.js";
import type { BroadcastResult, ErrorContext, EventOf, ServerEventName, ServerEvents } from "./types.js";
import type { VersionCheck } from "./version-policy.js";

export type Middleware<TContract extends ContractDefinition, TPath extends string> = (socket: BoundSocket<TContract, TPath>) => void | Promise<void>;
export type ConnectionListener<TContract extends ContractDefinition, TPath extends string> = (socket: BoundSocket<TContract, TPath>) => void | Promise<void>;

type Admitted = Socket & { [BOUND]?: BoundSocket<any, any> };

/**
 * One namespace of the contract on a real Socket.IO `Namespace`: admits connections (validated
 * `auth`, then middleware, then checked `data`), hands each connected socket to `connection`
 * listeners, and broadcasts validated events.
 */
export class BoundNamespace<TContract extends ContractDefinition, TPath extends string> {
  /** The plain Socket.IO namespace. */
  readonly raw: Namespace;
  readonly #runtime: NamespaceRuntime;
  readonly #middlewares: Middleware<TContract, TPath>[] = [];
  readonly #listeners: ConnectionListener<TContract, TPath>[] = [];
  readonly #limits: LimitSettings | undefined;
  readonly #checkVersion: VersionCheck | undefined;
  readonly #maxDepth: number | undefined;

  /** @internal Created by `bindServer`, one per namespace of the contract. */
  constructor(raw: Namespace, definition: NamespaceDefinition, options: { ackTimeout: number; report: (error: ContractError, context: ErrorContext) => void; limits?: LimitSettings; checkVersion?: VersionCheck; maxDepth?: number }) {
    this.raw = raw;
    this.#limits = options.limits;
    this.#checkVersion = options.checkVersion;
    this.#maxDepth = options.maxDepth;
    this.#runtime = {
      path: raw.name,
      incoming: compileEvents(definition.clientToServer, options),
      outgoing: compileEvents(definition.serverToClient, options),
      auth: definition.auth === undefined ? undefined : prepareSchema(definition.auth),
      data: definition.data === undefined ? undefined : prepareSchema(definition.data),
      ackTimeout: options.ackTimeout,
      report: options.report,
    };
    raw.use((socket, next) => {
      this.#admit(socket as Admitted).then(
        () => next(),
        (thrown: unknown) => next(connectError(thrown)),
      );
    });
    raw.on("connection", (socket: Admitted) => this.#connect(socket));
  }

  get name(): TPath {
    return this.raw.name as TPath;
  }

  /**
   * Adds connection middleware. It runs after `auth` was validated (`socket.auth` is parsed), may
   * fill `socket.data`, and refuses the connection by throwing: the client's `connect_error` gets
   * `data: { code, message }`, `UNAUTHORIZED` unless a `ContractError` with another code was thrown.
   *
   * @example
   * chat.use(async (socket) => { socket.data.userId = await verify(socket.auth.token); });
   */
  use(middleware: Middleware<TContract, TPath>): this {
    this.#middlewares.push(middleware);
    return this;
  }

  /**
   * Listens for admitted connections.
   *
   * @example
   * chat.on("connection", (socket) => { socket.join("lobby"); });
   */
  on(event: "connection", listener: ConnectionListener<TContract, TPath>): this {
    if (event !== "connection") throw new TypeError(`[socket-contract] a namespace emits "connection" only; listen to client events on the socket`);
    this.#listeners.push(listener);
    return this;
  }

  /** Broadcasts to every socket of the namespace. @example chat.emit("message", message); */
  emit<TEvent extends ServerEventName<TContract, TPath>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<ServerEvents<TContract, TPath>, TEvent>>
  ): BroadcastResult<EventOf<ServerEvents<TContract, TPath>, TEvent>> {
    return this.#all().emit(event, ...args);
  }

  /** @example chat.to("lobby").emit("message", message); */
  to(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.#all().to(room);
  }

  /** @example chat.in("lobby").emit("message", message); */
  in(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.#all().to(room);
  }

  /** @example chat.except("muted").emit("message", message); */
  except(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.#all().except(room);
  }

  /** @example const answers = await chat.timeout(2_000).emit("ping"); */
  timeout(ms: number): BoundBroadcast<TContract, TPath> {
    return this.#all().timeout(ms);
  }

  /** @example chat.local.emit("message", message); */
  get local(): BoundBroadcast<TContract, TPath> {
    return this.#all().local;
  }

  /** @example chat.volatile.emit("typing", "ann", true); */
  get volatile(): BoundBroadcast<TContract, TPath> {
    return this.#all().volatile;
  }

  /** @example const sockets = await chat.fetchSockets(); */
  fetchSockets(): Promise<BoundRemoteSocket<TContract, TPath>[]> {
    return this.#all().fetchSockets();
  }

  /** @example chat.socketsJoin("announcements"); */
  socketsJoin(room: string | readonly string[]): void {
    this.#all().socketsJoin(room);
  }

  /** @example chat.socketsLeave("announcements"); */
  socketsLeave(room: string | readonly string[]): void {
    this.#all().socketsLeave(room);
  }

  /** @example chat.disconnectSockets(true); */
  disconnectSockets(close = false): void {
    this.#all().disconnectSockets(close);
  }

  /** The bound socket of a connected raw socket of this namespace, if it was admitted. @example chat.socketOf(rawSocket)?.emit("message", m); */
  socketOf(raw: Socket): BoundSocket<TContract, TPath> | undefined {
    return (raw as Admitted)[BOUND];
  }

  #all(): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.raw);
  }

  async #admit(raw: Admitted): Promise<void> {
    const runtime = this.#runtime;
    const context = { namespace: runtime.path, socketId: raw.id };
    // The version is checked first: a client on another contract may well send another auth shape.
    const handshake = splitHandshake(raw.handshake.auth);
    await this.#checkVersion?.(handshake.identity, context);
    let auth: unknown = handshake.auth;
    if (runtime.auth !== undefined) {
      const parsed = parseValue(runtime.auth, auth, [], this.#maxDepth);
      if (!parsed.ok) {
        runtime.report(new ContractError("UNAUTHORIZED", { message: "The handshake auth does not match the contract.", issues: parsed.issues, namespace: runtime.path }), context);
        throw new ContractError("UNAUTHORIZED");
      }
      auth = parsed.value;
    }
    const socket = new BoundSocket<TContract, TPath>(runtime, raw, auth, this.#limits);
    raw[BOUND] = socket;
    for (const middleware of this.#middlewares) {
      try {
        await middleware(socket);
      } catch (thrown) {
        runtime.report(ContractError.is(thrown) ? thrown : new ContractError("UNAUTHORIZED", { cause: thrown, namespace: runtime.path }), context);
        throw thrown;
      }
    }
    if (runtime.data !== undefined) {
      const parsed = parseValue(runtime.data, raw.data, []);
      if (!parsed.ok) {
        runtime.report(new ContractError("HANDLER_ERROR", { message: "socket.data does not match the contract after middleware.", issues: parsed.issues, namespace: runtime.path }), context);
        throw new ContractError("HANDLER_ERROR");
      }
      raw.data = parsed.value;
    }
  }

  #connect(raw: Admitted): void {
    const socket = raw[BOUND] ?? new BoundSocket<TContract, TPath>(this.#runtime, raw, raw.handshake.auth, this.#limits);
    raw[BOUND] = socket;
    socket.listen();
    for (const listener of this.#listeners) {
      try {
        const result = listener(socket);
        if (result instanceof Promise) result.catch((cause: unknown) => this.#listenerFailed(raw, cause));
      } catch (cause) {
        this.#listenerFailed(raw, cause);
      }
    }
  }

  #listenerFailed(raw: Socket, cause: unknown): void {
    const error = new ContractError("HANDLER_ERROR", { message: "A connection listener failed.", cause, namespace: this.#runtime.path });
    this.#runtime.report(error, { namespace: this.#runtime.path, socketId: raw.id });
  }
}
