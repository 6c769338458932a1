import {
  type Contract,
  type ContractDefinition,
  type ContractError,
  type EventHandler,
  type EventOf,
  type InferArgsInput,
  type InferNamespacePath,
  type InferNamespacePattern,
  isContract,
  matchNamespace,
  type ServerToServerOf,
} from "@socket-contract/contract";
import {
  type EventCatalog,
  type Handler,
  type Receiver,
  DEFAULT_ACK_TIMEOUT,
  InterceptorSet,
  checkOutgoing,
  compileEvents,
  compileSchema,
  depthLimit,
  installCompiler,
  installStandardSchema,
  installStreams,
  readAcks,
  receive,
  streamSettings,
} from "@socket-contract/contract/internal";
import type { Server } from "socket.io";
import { reportAdapterErrors } from "./adapter-errors.js";
import { createReporter } from "./errors.js";
import { limitSettings } from "./limits.js";
import { BoundNamespace, CHILD } from "./namespace.js";
import { patternInfo } from "./namespace-params.js";
import { versionCheck } from "./version-policy.js";
import type {
  BindServerOptions,
  BroadcastResult,
  ErrorContext,
  InterServerEventName,
  ServerInterceptor,
} from "./types.js";

/** A path that some key of the contract matches; any other path does not compile. */
type ConcretePath<TContract extends ContractDefinition, TPath extends string> = [
  InferNamespacePattern<TContract, TPath>,
] extends [never]
  ? never
  : unknown;

/**
 * A contract bound to a real Socket.IO `Server`: one validated namespace per namespace of the
 * contract, and validated `serverSideEmit` between the nodes of a cluster.
 */
export class BoundServer<TContract extends ContractDefinition> {
  /** The plain Socket.IO server. */
  readonly io: Server;
  readonly contract: TContract;
  readonly #namespaces = new Map<string, BoundNamespace<TContract, any>>();
  readonly #interServer: EventCatalog;
  readonly #interServerReceiver: Receiver;
  readonly #interServerHandlers = new Map<string, Handler[]>();
  readonly #ackTimeout: number;
  readonly #report: (error: ContractError, context: ErrorContext) => void;
  readonly #interceptors = new InterceptorSet();

  /** @internal Use `bindServer`. */
  constructor(contract: TContract, io: Server, options: BindServerOptions) {
    this.io = io;
    this.contract = contract;
    this.#ackTimeout = options.ackTimeout ?? DEFAULT_ACK_TIMEOUT;
    this.#report = createReporter(options.onError);
    const limits = limitSettings(options);
    const maxDepth = depthLimit(options.maxDepth, "bindServer");
    const streams = streamSettings(options, "bindServer");
    const checkVersion = versionCheck(contract, options.versionPolicy ?? "accept", this.#report);
    for (const [index, interceptor] of (options.interceptors ?? []).entries())
      this.#interceptors.add(interceptor, `bindServer options.interceptors[${index}]`);
    const interceptors = this.#interceptors;
    const staticPaths = ["/"];
    for (const [path, definition] of Object.entries(contract.namespaces)) {
      const pattern = patternInfo(path, definition.params);
      // A key with parameters is Socket.IO's parent namespace, matched by a regular expression;
      // each concrete path becomes a child namespace on first use, with its own adapter.
      const raw = pattern === undefined ? io.of(path) : io.of(pattern.pattern.regExp);
      if (pattern === undefined) staticPaths.push(path);
      this.#namespaces.set(
        path,
        new BoundNamespace(raw, definition, {
          ackTimeout: this.#ackTimeout,
          streams,
          report: this.#report,
          limits,
          checkVersion,
          maxDepth,
          pattern,
          interceptors,
        }),
      );
    }
    // The main namespace carries serverSideEmit, so its adapter is watched too.
    for (const path of new Set(staticPaths)) reportAdapterErrors(io.of(path), this.#report);
    this.#interServer = compileEvents(contract.serverToServer, { maxDepth });
    this.#interServerReceiver = {
      namespace: "/",
      handlersOf: (definition) => this.#interServerHandlers.get(definition.name),
      // Another node has no socket to receive a report on; onError on this node is told instead.
      sendReport: () => {},
      report: (error) => this.#report(error, { namespace: "/", event: error.event }),
    };
  }

  /**
   * The bound namespace at `path`: a key of the contract, or a concrete path of a dynamic
   * namespace. `server.of("/org/:orgId")` handles every tenant (middleware, connections,
   * broadcasts to all); `server.of("/org/acme")` is the one tenant, for broadcasts to it alone.
   *
   * @example
   * const chat = server.of("/chat");
   * server.of("/org/:orgId").on("connection", (socket) => socket.params.orgId);
   * server.of(`/org/${orgId}`).emit("notice", "maintenance at noon");
   */
  of<TPath extends InferNamespacePath<TContract>>(path: TPath): BoundNamespace<TContract, TPath>;
  of<const TPath extends string>(
    path: TPath & ConcretePath<TContract, TPath>,
  ): BoundNamespace<TContract, InferNamespacePattern<TContract, TPath>>;
  of(path: string): BoundNamespace<TContract, any> {
    const namespace = this.#namespaces.get(path);
    if (namespace !== undefined) return namespace;
    const match = matchNamespace(this.contract, path);
    if (match === undefined)
      throw new TypeError(`[socket-contract] "${path}" is not a namespace of contract "${this.contract.name}"`);
    return this.#namespaces.get(match.pattern)![CHILD](path);
  }

  /**
   * Adds an interceptor for every namespace, after those already registered (the `interceptors`
   * option's first); it applies at once, to sockets already connected too. See `Interceptor`.
   *
   * @example
   * server.intercept(metrics());
   */
  intercept(interceptor: ServerInterceptor): this {
    this.#interceptors.add(interceptor, "server.intercept");
    return this;
  }

  /**
   * Sends a `serverToServer` event to every other node (through the adapter), checked before it
   * leaves. For an ack-bearing event, the promise of every other node's validated answer; it
   * rejects with `TIMEOUT` after the `ackTimeout` option (or the adapter's own timeout).
   *
   * @example
   * server.serverSideEmit("cache:invalidate", "user:42");
   */
  serverSideEmit<TEvent extends InterServerEventName<TContract>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<ServerToServerOf<TContract>, TEvent>>
  ): BroadcastResult<EventOf<ServerToServerOf<TContract>, TEvent>> {
    const definition = checkOutgoing(this.#interServer, event, args, "/");
    if (definition.ack === undefined) {
      this.io.serverSideEmit(event, ...args);
      return undefined as never;
    }
    const where = { namespace: "/", event };
    return new Promise<unknown[]>((resolve, reject) => {
      // The in-memory adapter never answers a serverSideEmit; this timer makes sure we do.
      const timer = setTimeout(() => settle(new Error("operation has timed out"), []), this.#ackTimeout);
      let settled = false;
      const settle = (error: Error | null, envelopes: unknown[]): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const result = readAcks(definition, error, envelopes ?? [], where);
        if (result.ok) resolve(result.value);
        else reject(result.error);
      };
      this.io.serverSideEmit(event, ...args, settle);
    }) as never;
  }

  /**
   * Handles a `serverToServer` event sent by another node. Invalid input is reported through
   * `onError` and never reaches the handler; for an ack-bearing event the handler's return value
   * is the answer.
   *
   * @example
   * server.onServerSide("cache:invalidate", (key) => cache.delete(key));
   */
  onServerSide<TEvent extends InterServerEventName<TContract>>(
    event: TEvent,
    handler: EventHandler<EventOf<ServerToServerOf<TContract>, TEvent>>,
  ): () => void {
    if (!this.#interServer.has(event))
      throw new TypeError(
        `[socket-contract] "${event}" is not a serverToServer event of contract "${this.contract.name}"`,
      );
    let handlers = this.#interServerHandlers.get(event);
    if (handlers === undefined) {
      handlers = [];
      this.#interServerHandlers.set(event, handlers);
      // Socket.IO emits events sent by other nodes on the main namespace's emitter.
      const mainNamespace = this.io.sockets as unknown as {
        on(event: string, listener: (...args: unknown[]) => void): void;
      };
      mainNamespace.on(event, (...args) => receive(this.#interServerReceiver, this.#interServer, event, args));
    }
    handlers.push(handler as Handler);
    return () => {
      const list = this.#interServerHandlers.get(event);
      const index = list?.indexOf(handler as Handler) ?? -1;
      if (index >= 0) list!.splice(index, 1);
    };
  }
}

/**
 * Binds a contract to a Socket.IO server: every incoming event is validated before its handler
 * runs, every outgoing emit is checked before it leaves, and every failure is a typed error.
 *
 * @example
 * const io = new Server(httpServer);
 * const server = bindServer(contract, io, { ackTimeout: 10_000, onError: (error, ctx) => log(error.code, ctx) });
 * server.of("/chat").on("connection", (socket) => {
 *   socket.on("message:send", ({ room, text }) => save(room, text));
 * });
 */
export function bindServer<TContract extends Contract>(
  contract: TContract,
  io: Server,
  options: BindServerOptions = {},
): BoundServer<TContract> {
  if (!isContract(contract))
    throw new TypeError("[socket-contract] bindServer expects a contract made by defineContract");
  // A server validates at compiled speed: Zod's compiler, with generated parsers where registered.
  installCompiler(compileSchema);
  installStreams();
  installStandardSchema();
  return new BoundServer(contract, io, options);
}
