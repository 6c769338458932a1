import {
  BoundPeer,
  type ClientToServerOf,
  type Contract,
  type ContractDefinition,
  ContractError,
  type EventOf,
  type InferEventError,
  type InferNamespacePath,
  type InferNamespacePattern,
  isContract,
  matchNamespace,
  type PeerEvents,
  type ServerToClientOf,
} from "@socket-contract/contract";
import {
  DEFAULT_ACK_TIMEOUT,
  type ErrorFanOut,
  compileEvents,
  depthLimit,
  errorFanOut,
  filedIdentityOf,
  Connection,
  hasStreams,
  identityOf,
  streamSupport,
  streamsNotEnabled,
} from "@socket-contract/contract/internal";
import type { Socket } from "socket.io-client";
import { connectErrorOf, warnEveryError } from "./errors.js";
import { announceContract } from "./handshake.js";
import { clientInterception } from "./interceptors.js";
import { OfflineGate } from "./offline-gate.js";
import type { BindClientOptions, ClientErrorHandler, ClientInterceptor } from "./types.js";

/**
 * One namespace of the contract on a real socket.io-client `Socket`: `emit` checks what leaves
 * and returns the promise of the validated acknowledgement, `on` runs handlers only for valid
 * input, and `socket` is the plain socket. The shared half (`on`, `once`, `off`, `emit`,
 * `timeout`, `volatile`, `stream`) is `BoundPeer`'s, the same as a server socket's.
 */
export class BoundClient<
  TContract extends ContractDefinition,
  TPath extends InferNamespacePath<TContract>,
> extends BoundPeer {
  /** The events it listens to (the contract's server-to-client ones) and sends, as types only. */
  declare readonly "~events": PeerEvents<ServerToClientOf<TContract, TPath>, ClientToServerOf<TContract, TPath>>;
  /** The plain socket.io-client socket. */
  readonly socket: Socket;
  /** The namespace's path, as given to `bindClient`. */
  readonly namespace: string;
  readonly #errors: ErrorFanOut;

  /** @internal Use `bindClient` (a generated `bind...Client` constructs it, its fingerprint filed). */
  constructor(
    contract: TContract,
    path: string,
    socket: Socket,
    options: BindClientOptions<ClientInterceptor<TContract, TPath>>,
  ) {
    // A concrete path (`/org/acme`) takes the events of the key it matches (`/org/:orgId`).
    const match = matchNamespace(contract, path);
    if (match === undefined)
      throw new TypeError(`[socket-contract] "${path}" matches no namespace of contract "${contract.name}"`);
    const definition = contract.namespaces[match.pattern as keyof typeof contract.namespaces]!;
    const socketNamespace = (socket as unknown as { nsp?: unknown }).nsp;
    if (typeof socketNamespace === "string" && socketNamespace !== path) {
      throw new TypeError(`[socket-contract] the socket is connected to "${socketNamespace}", not "${path}"`);
    }
    const maxDepth = depthLimit(options.maxDepth, "bindClient");
    // Read now, so that a contract without a fingerprint in this bundle fails here, not in a later handshake.
    // Filed by generated code, or by `bindClient`, which computes it: a page whose clients are all
    // generated (constructed by their `bind...Client`) carries none of that computation.
    const contractIdentity = filedIdentityOf(contract);
    if (contractIdentity === undefined) throw new TypeError("[socket-contract] no fingerprint filed: use bindClient");
    const errors = errorFanOut(warnEveryError);
    // A client given no interceptors has no set: its connection never reaches the interceptor code.
    const given = options.interceptors ?? [];
    const interception = given.length === 0 ? undefined : clientInterception();
    if (given.length > 0 && interception === undefined)
      throw new TypeError(
        "[socket-contract] bindClient options.interceptors: interceptors are not enabled in this bundle: call enableInterceptors() from @socket-contract/client before bindClient",
      );
    const interceptors = interception?.set(given);
    const incoming = compileEvents(definition.serverToClient, { maxDepth });
    const outgoing = compileEvents(definition.clientToServer, { maxDepth });
    // The browser entry leaves the stream code out of a bundle until a page (or its generated code)
    // enables it; `streamWindow` and `maxStreams` are read (and checked) by that code.
    const streams = streamSupport();
    if (streams === undefined && (hasStreams(incoming) || hasStreams(outgoing)))
      throw streamsNotEnabled(`"${path}" has events that stream`, "bindClient");
    const gate = new OfflineGate(socket, options.whenOffline ?? "buffer", (error) => connection.report(error));
    const connection: Connection = new Connection(
      {
        namespace: path,
        // A dynamic namespace's key, which the interceptors' contexts carry as `pattern`, as the server's do.
        ...(match.pattern === path ? {} : { pattern: match.pattern }),
        side: "client",
        incoming,
        outgoing,
        ackTimeout: options.ackTimeout ?? ownAckTimeout(socket) ?? DEFAULT_ACK_TIMEOUT,
        streams: streams?.settings(options, "bindClient"),
        report: errors.report,
        interceptors,
      },
      gate,
    );
    super(connection);
    connection.peer = this;
    this.socket = socket;
    this.namespace = path;
    this.#errors = errors;
    socket.onAny((event: string, ...args: unknown[]) => connection.receive(event, args));
    // socket.io-client settles its own pending acks on a disconnect (and keeps retried ones for the next connection).
    socket.on("disconnect", () => connection.close());
    const identity = () => contractIdentity;
    if (interceptors === undefined) announceContract(socket, identity);
    else interception!.announce(socket, connection, interceptors, this, identity);
    socket.on("connect_error", (error) => {
      // A network failure is retried by socket.io-client; a refusal by the server is final for this attempt.
      const refused = connectErrorOf(error);
      if (refused === undefined) return;
      // Calls waiting in the socket's buffer fail with the refusal, then stream requests still waiting.
      gate.refuse(refused);
      connection.refuseStreams(refused);
      if (refused.code === "CONTRACT_MISMATCH") connection.report(refused);
    });
  }

  /**
   * Sees every `contract:error` the server sends (an event of ours it refused), every incoming
   * event this client refused, and a connection refused for being built from another contract
   * (`CONTRACT_MISMATCH`, see `isContractMismatch`). Returns a function that removes the handler.
   *
   * @example
   * chat.onError((error) => console.warn(error.code, error.event, error.message));
   */
  onError(handler: ClientErrorHandler): () => void {
    return this.#errors.add(handler);
  }

  /**
   * Narrows a caught error to the errors an event can fail with, so that checking its `code`
   * types its `data` by that code.
   *
   * @example
   * try {
   *   await chat.emit("message:send", { room, text });
   * } catch (error) {
   *   if (chat.isError(error, "message:send") && error.code === "ROOM_FULL") showFull(error.data.capacity);
   * }
   */
  isError<TEvent extends keyof ClientToServerOf<TContract, TPath> & string>(
    error: unknown,
    event: TEvent,
  ): error is InferEventError<EventOf<ClientToServerOf<TContract, TPath>, TEvent>> {
    return ContractError.is(error) && (error.event === undefined || error.event === event);
  }
}

/**
 * The `ackTimeout` option socket.io-client was given for this socket (its default ack timeout, and
 * the time each try waits under `retries`), which a bound client's emits then wait by default too.
 *
 * @example
 * ownAckTimeout(io(url, { ackTimeout: 5_000 })); // 5000
 */
function ownAckTimeout(socket: Socket): number | undefined {
  return (socket as unknown as { _opts?: { ackTimeout?: number } })._opts?.ackTimeout;
}

/** @internal A path that some key of the contract matches; any other path does not compile. */
export type ConcretePath<TContract extends ContractDefinition, TPath extends string> = [
  InferNamespacePattern<TContract, TPath>,
] extends [never]
  ? never
  : unknown;

/**
 * Binds a contract's namespace to a socket.io-client socket connected to that namespace. The path
 * is the namespace's key, or a concrete path of a dynamic namespace (`"/org/acme"` for
 * `"/org/:orgId"`), typed by the key it matches; a path that matches no key does not compile,
 * and throws at run time.
 *
 * @example
 * const chat = bindClient(contract, "/chat", io("http://localhost:3000/chat", { auth: { token } }));
 * const message = await chat.emit("message:send", { room: "lobby", text: "hi" });
 * chat.on("message", (m) => render(m));
 * chat.on("ping", () => "pong" as const);
 * const acme = bindClient(contract, "/org/acme", io("http://localhost:3000/org/acme"));
 */
export function bindClient<TContract extends Contract, const TPath extends string>(
  contract: TContract,
  path: TPath & ConcretePath<TContract, TPath>,
  socket: Socket,
  options: BindClientOptions<ClientInterceptor<TContract, InferNamespacePattern<TContract, TPath>>> = {},
): BoundClient<TContract, InferNamespacePattern<TContract, TPath>> {
  if (!isContract(contract))
    throw new TypeError("[socket-contract] bindClient expects a contract made by defineContract");
  // Computes and files the fingerprint (the internal computation: the public contractFingerprint
  // would install the Standard Schema support, which a page enables only by asking).
  identityOf(contract);
  return new BoundClient(contract, path, socket, options);
}
