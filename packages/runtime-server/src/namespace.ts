import type {
  ClientToServerOf,
  ContractDefinition,
  ContractError,
  Interceptor,
  NamespaceDefinition,
  ServerToClientOf,
} from "@socket-contract/contract";
import {
  InterceptorSet,
  type StreamSettings,
  callListener,
  compileEvents,
  prepareSchema,
} from "@socket-contract/contract/internal";
import { childAdapterErrors } from "./adapter-errors.js";
import { type AdmissionSettings, type Middleware, admit, bindRecovered } from "./admission.js";
import { admitObserved } from "./attempt.js";
import { answerOwedAcksOnClose } from "./owed-acks.js";
import { fetchedFrom, reachChildren } from "./parent-adapter.js";
import { listenerFailed } from "./errors.js";
import { refuseConnected } from "./handshake-auth.js";
import type { Namespace, RemoteSocket, Socket } from "socket.io";
import { BoundBroadcast } from "./broadcast.js";
import { NamespaceBroadcasts } from "./namespace-broadcasts.js";
import type { LimitSettings } from "./limits.js";
import { type PatternInfo, parseParams } from "./namespace-params.js";
import type { NamespaceRuntime } from "./runtime.js";
import { BOUND, type BoundSocket } from "./socket.js";
import { TenantInterceptors } from "./tenant-interceptors.js";
import type { ErrorContext } from "./types.js";
import type { VersionCheck } from "./version-policy.js";

export type { Middleware } from "./admission.js";
/**
 * Hears each admitted connection. What it returns is ignored, so a one-line listener may end with a
 * call that returns something (`(socket) => socket.on("whoami", ...)` returns the handler's remover);
 * a throw or a rejected promise goes to `onError`.
 */
export type ConnectionListener<TContract extends ContractDefinition, TPath extends string> = (
  socket: BoundSocket<TContract, TPath>,
) => unknown;

type Admitted = Socket & { [BOUND]?: BoundSocket<any, any> };

/** The bound child of a dynamic namespace at a concrete path; internal to the server runtime. */
export const CHILD = Symbol("socket-contract.child");
/** Where a child namespace of Socket.IO keeps its runtime. */
const CHILD_RUNTIME = Symbol("socket-contract.child-runtime");
/** Where a child namespace of Socket.IO keeps its bound child, once `server.of(path)` asked for it. */
const BOUND_CHILD = Symbol("socket-contract.bound-child");

type ChildRuntime = NamespaceRuntime & { readonly params: unknown };
/**
 * A child namespace of Socket.IO with what the runtime keeps for it. Kept on the namespace, never in
 * a map of the runtime: when Socket.IO drops an empty child (`cleanupEmptyChildNamespaces`), all of
 * it goes with it, so a server that sees tenants come and go holds only the ones connected.
 */
type ChildNamespace = Namespace & { [CHILD_RUNTIME]?: ChildRuntime; [BOUND_CHILD]?: BoundNamespace<any, any> };

interface NamespaceOptions {
  ackTimeout: number;
  streams: StreamSettings;
  report: (error: ContractError, context: ErrorContext) => void;
  limits?: LimitSettings;
  checkVersion?: VersionCheck;
  maxDepth?: number;
  /** Set for a key with `:name` parameters: `raw` is then Socket.IO's parent namespace. */
  pattern?: PatternInfo;
  /** The bound server's interceptors, which run before the namespace's own. */
  interceptors?: InterceptorSet;
}

/**
 * One namespace of the contract on a real Socket.IO `Namespace`: admits connections (validated
 * `auth`, then middleware, then checked `data`), hands each connected socket to `connection`
 * listeners, and broadcasts validated events.
 */
export class BoundNamespace<TContract extends ContractDefinition, TPath extends string> extends NamespaceBroadcasts<
  TContract,
  TPath
> {
  /** The plain Socket.IO namespace. */
  readonly raw: Namespace;
  readonly #runtime: NamespaceRuntime;
  readonly #middlewares: Middleware<TContract, TPath>[] = [];
  readonly #listeners: ConnectionListener<TContract, TPath>[] = [];
  readonly #settings: AdmissionSettings;
  readonly #pattern: PatternInfo | undefined;
  /** One listener for every child's adapter errors (the adapter is `this`), not one closure per tenant. */
  readonly #onChildAdapterError: ((this: { nsp: Namespace }, cause: unknown) => void) | undefined;

  /** @internal Created by `bindServer`, one per namespace of the contract. */
  constructor(
    raw: Namespace,
    definition: NamespaceDefinition,
    options: NamespaceOptions,
    childRuntime?: NamespaceRuntime,
  ) {
    super();
    this.raw = raw;
    this.#settings = { limits: options.limits, checkVersion: options.checkVersion, maxDepth: options.maxDepth };
    this.#pattern = options.pattern;
    const parent = options.pattern !== undefined && childRuntime === undefined;
    this.#onChildAdapterError = parent ? childAdapterErrors(options.report) : undefined;
    if (childRuntime !== undefined) {
      // A child shares its parent's compiled events; the parent's hooks, which Socket.IO copies
      // onto every child namespace, admit its sockets and run this child's own hooks after its own.
      this.#runtime = childRuntime;
      return;
    }
    this.#runtime = {
      namespace: options.pattern?.key ?? raw.name,
      pattern: options.pattern?.key,
      side: "server",
      incoming: compileEvents(definition.clientToServer, options),
      outgoing: compileEvents(definition.serverToClient, options),
      auth: definition.auth === undefined ? undefined : prepareSchema(definition.auth),
      data: definition.data === undefined ? undefined : prepareSchema(definition.data),
      ackTimeout: options.ackTimeout,
      streams: options.streams,
      report: options.report,
      interceptors: new InterceptorSet(options.interceptors),
      tenantOf: options.pattern === undefined ? undefined : (socket) => this.#tenantOf(socket),
    };
    if (options.pattern === undefined) answerOwedAcksOnClose(raw);
    else reachChildren(raw);
    raw.use((socket, next) =>
      // A tenant asked for by `server.of(path)` has its runtime already, with its own interceptors.
      admitObserved(
        (socket.nsp as ChildNamespace)[CHILD_RUNTIME] ?? this.#runtime,
        socket,
        () => this.#admit(socket as Admitted),
        next,
      ),
    );
    raw.on("connection", (socket: Admitted) => this.#connect(socket));
  }

  /** The namespace's path: the key for a static or a dynamic namespace, the concrete path for a child. */
  get name(): TPath {
    return this.#runtime.namespace as TPath;
  }

  /** @internal The bound child at a concrete path of this dynamic namespace (`server.of("/org/acme")`). */
  [CHILD](path: string): BoundNamespace<TContract, TPath> {
    const raw = this.raw.server.of(path) as ChildNamespace;
    // A child Socket.IO dropped (`cleanupEmptyChildNamespaces`) and made again is bound again.
    let child = raw[BOUND_CHILD];
    if (child === undefined) {
      child = new BoundNamespace<TContract, TPath>(
        raw,
        {},
        {
          ackTimeout: this.#runtime.ackTimeout,
          streams: this.#runtime.streams,
          report: this.#runtime.report,
          maxDepth: this.#settings.maxDepth,
        },
        this.#childRuntime(raw),
      );
      raw[BOUND_CHILD] = child;
    }
    return child;
  }

  /**
   * The runtime of one child namespace: the parent's compiled events under the child's path, and
   * the child's parameters, parsed once for all its sockets. One small object per tenant, kept on
   * the Socket.IO namespace itself (freed with it), made on its first connection. Throws
   * `INVALID_PAYLOAD` when the path's parameters fail their schema.
   */
  #childRuntime(raw: ChildNamespace): ChildRuntime {
    let runtime = raw[CHILD_RUNTIME];
    if (runtime === undefined) {
      // Three own properties over the parent's runtime, not a copy of it: a thousand tenants stay cheap.
      // The interceptors are the pattern's until the tenant adds its own (`server.of(path).intercept`).
      runtime = Object.create(this.#runtime, {
        namespace: { value: raw.name, enumerable: true },
        params: { value: parseParams(this.#pattern!, raw.name), enumerable: true },
        interceptors: { value: new TenantInterceptors(this.#runtime.interceptors!), enumerable: true },
      }) as ChildRuntime;
      raw[CHILD_RUNTIME] = runtime;
      raw.adapter.on("error", this.#onChildAdapterError!);
      answerOwedAcksOnClose(raw);
    }
    return runtime;
  }

  /**
   * The runtime of the tenant a fetched socket belongs to (its path and parsed params), or
   * `undefined` when its namespace is not known or its path fails its parameters.
   */
  #tenantOf(socket: Socket | RemoteSocket<any, any>): NamespaceRuntime | undefined {
    const raw = fetchedFrom(socket as { handshake: object; nsp?: Namespace }) as ChildNamespace | undefined;
    if (raw === undefined || raw === this.raw) return undefined;
    try {
      return this.#childRuntime(raw);
    } catch {
      return undefined;
    }
  }

  /**
   * Adds connection middleware. It runs after `auth` was validated (`socket.auth` is parsed), may
   * fill `socket.data`, and refuses the connection by throwing (or rejecting): the client's
   * `connect_error` gets `data: { code, message, data? }`, `UNAUTHORIZED` unless a `ContractError`
   * with another code was thrown, whose `data` travels too (Socket.IO's `next(err)` with `err.data`);
   * a plain error's text and `data` stay on the server. It takes no `next`: a Socket.IO-style
   * `(socket, next) => ...` is refused here with a `TypeError`.
   *
   * @example
   * chat.use(async (socket) => { socket.data.userId = await verify(socket.auth.token); });
   * chat.use((socket) => { if (banned(socket.auth)) throw new ContractError("BANNED", { data: { until } }); });
   */
  use(middleware: Middleware<TContract, TPath>): this {
    // A plain JavaScript `(socket, next) => next()` would be called without `next`, and its TypeError
    // would refuse every connection as UNAUTHORIZED, which the default onError does not print.
    if (middleware.length > 1)
      throw new TypeError(
        "[socket-contract] namespace.use takes (socket) => void | Promise<void>: refuse a connection by throwing (a ContractError with a code and data), there is no next",
      );
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
    if (event !== "connection")
      throw new TypeError(
        `[socket-contract] a namespace emits "connection" only; listen to client events on the socket`,
      );
    this.#listeners.push(listener);
    return this;
  }

  /**
   * Adds an interceptor typed by this namespace's events, after the server's and those added before
   * (see `Interceptor`); it applies at once, to sockets already connected too. On a dynamic
   * namespace, the pattern's (`server.of("/org/:orgId")`) run for every tenant; a tenant's own
   * (`server.of("/org/acme")`) run after them, for that tenant's sockets, its connection attempts and
   * what `server.of("/org/acme")` broadcasts, and live as long as Socket.IO keeps that tenant's
   * namespace (as its `use` and `on("connection")` do).
   *
   * @example
   * chat.intercept(onlyAdmins);
   * server.of("/org/acme").intercept(auditTrail);
   */
  intercept(
    interceptor: Interceptor<
      ClientToServerOf<TContract, TPath>,
      ServerToClientOf<TContract, TPath>,
      BoundSocket<TContract, TPath>
    >,
  ): this {
    this.#runtime.interceptors!.add(interceptor, `server.of("${this.name}").intercept`);
    return this;
  }

  /** The bound socket of a connected raw socket of this namespace, if it was admitted. @example chat.socketOf(rawSocket)?.emit("message", m); */
  socketOf(raw: Socket): BoundSocket<TContract, TPath> | undefined {
    return (raw as Admitted)[BOUND];
  }

  /** @internal What every namespace-wide broadcast starts from: the whole namespace. */
  protected override all(): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.raw);
  }

  async #admit(raw: Admitted): Promise<void> {
    const child: BoundNamespace<TContract, TPath> | undefined = (raw.nsp as ChildNamespace)[BOUND_CHILD];
    let runtime: NamespaceRuntime = this.#runtime;
    let params: unknown;
    if (this.#pattern !== undefined) {
      // The path comes first: a tenant that does not exist is refused before anything else runs.
      try {
        const childRuntime = this.#childRuntime(raw.nsp);
        runtime = childRuntime;
        params = childRuntime.params;
      } catch (refused) {
        this.#runtime.report(refused as ContractError, { namespace: raw.nsp.name, socketId: raw.id });
        throw refused;
      }
    }
    const middlewares =
      child === undefined || child.#middlewares.length === 0
        ? this.#middlewares
        : [...this.#middlewares, ...child.#middlewares];
    await admit(runtime, raw, params, this.#settings, middlewares);
  }

  #connect(raw: Admitted): void {
    const socket = raw[BOUND] ?? this.#recovered(raw);
    if (socket === undefined) return;
    const child: BoundNamespace<TContract, TPath> | undefined = (raw.nsp as ChildNamespace)[BOUND_CHILD];
    const listeners =
      child === undefined || child.#listeners.length === 0
        ? this.#listeners
        : [...this.#listeners, ...child.#listeners];
    const failed = (cause: unknown): void => listenerFailed(this.#runtime, raw.id, cause);
    for (const listener of listeners) callListener(listener, socket, failed);
  }

  /** A connection restored by recovery skipped `#admit`: its path and `auth` are checked here, or it is refused (`data` was checked at first). */
  #recovered(raw: Admitted): BoundSocket<TContract, TPath> | undefined {
    try {
      const runtime: NamespaceRuntime & Partial<ChildRuntime> =
        this.#pattern === undefined ? this.#runtime : this.#childRuntime(raw.nsp);
      return bindRecovered<TContract, TPath>(runtime, raw, runtime.params, this.#settings);
    } catch (refused) {
      return void refuseConnected(raw, refused);
    }
  }
}
