import {
  type Contract,
  type ContractDefinition,
  ContractError,
  type EmitResult,
  type EventHandler,
  type InferArgsInput,
  type InferEventError,
  type InferNamespacePath,
  type InferNamespacePattern,
  isContract,
  matchNamespace,
  type StreamArgs,
  type StreamResult,
} from "@socket-contract/contract";
import {
  CONTRACT_ERROR_EVENT,
  type ContractErrorReport,
  type EventCatalog,
  type Handler,
  type Receiver,
  checkOutgoing,
  compileEvents,
  depthLimit,
  fromWireError,
  identityOf,
  receive,
  requestAck,
  StreamEndpoint,
  isStreamFrame,
  streamSettings,
} from "@socket-contract/contract/protocol";
import type { Socket } from "socket.io-client";
import { connectErrorOf } from "./errors.js";
import { announceContract } from "./handshake.js";
import { withoutRecoveryOffset } from "./recovery-offset.js";
import type { BindClientOptions, ClientErrorHandler, EmitName, EventOf, ReceiveEventName, ReceiveEvents, SendEventName, SendEvents, StreamName } from "./types.js";

const DEFAULT_ACK_TIMEOUT = 10_000;

/**
 * One namespace of the contract on a real socket.io-client `Socket`: `emit` checks what leaves
 * and returns the promise of the validated acknowledgement, `on` runs handlers only for valid
 * input, and `socket` is the plain socket.
 */
export class BoundClient<TContract extends ContractDefinition, TPath extends InferNamespacePath<TContract>> implements Receiver {
  /** The plain socket.io-client socket. */
  readonly socket: Socket;
  readonly namespace: string;
  readonly #outgoing: EventCatalog;
  readonly #incoming: EventCatalog;
  readonly #handlers = new Map<string, Handler[]>();
  readonly #errorHandlers = new Set<ClientErrorHandler>();
  readonly #ackTimeout: number;
  /** This client's streams, both ways. */
  readonly #streams: StreamEndpoint;

  /** @internal Use `bindClient`. */
  constructor(contract: TContract, path: string, socket: Socket, options: BindClientOptions) {
    // A concrete path (`/org/acme`) takes the events of the key it matches (`/org/:orgId`).
    const match = matchNamespace(contract, path);
    if (match === undefined) throw new TypeError(`[socket-contract] "${path}" matches no namespace of contract "${contract.name}"`);
    const definition = contract.namespaces[match.pattern as keyof typeof contract.namespaces]!;
    const socketNamespace = (socket as unknown as { nsp?: unknown }).nsp;
    if (typeof socketNamespace === "string" && socketNamespace !== path) {
      throw new TypeError(`[socket-contract] the socket is connected to "${socketNamespace}", not "${path}"`);
    }
    this.socket = socket;
    this.namespace = path;
    const maxDepth = depthLimit(options.maxDepth, "bindClient");
    this.#outgoing = compileEvents(definition.clientToServer, { maxDepth });
    this.#incoming = compileEvents(definition.serverToClient, { maxDepth });
    this.#ackTimeout = options.ackTimeout ?? DEFAULT_ACK_TIMEOUT;
    const streams = streamSettings(options, "bindClient");
    this.#streams = new StreamEndpoint({
      namespace: path,
      side: "client",
      outgoing: this.#outgoing,
      incoming: this.#incoming,
      handlerOf: (event) => this.#handlers.get(event)?.[0],
      send: (event, args) => socket.emit(event, ...args),
      sendReport: (report) => this.sendReport(report),
      report: (error) => this.report(error),
      window: streams.window,
      maxOpen: streams.maxOpen,
    });
    socket.on("disconnect", () => this.#streams.close(new ContractError("DISCONNECTED", { message: "The connection closed before the stream ended.", namespace: path })));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event === CONTRACT_ERROR_EVENT) this.#onReport(args[0]);
      else if (isStreamFrame(event)) this.#streams.receive(event, args);
      else receive(this, event, withoutRecoveryOffset(socket, this.#incoming.get(event), args));
    });
    announceContract(socket, () => identityOf(contract));
    socket.on("connect_error", (error) => {
      const refused = connectErrorOf(error);
      if (refused?.code === "CONTRACT_MISMATCH") this.report(refused);
    });
  }

  /**
   * Sends a client-to-server event, checked before it is sent. For an ack-bearing event, a promise
   * of the validated acknowledgement that rejects with a `ContractError` (`INVALID_PAYLOAD` at once
   * for bad arguments, `TIMEOUT`, `DISCONNECTED`, or the server's code with its typed `data`). For
   * an event without ack, returns nothing and throws `INVALID_PAYLOAD` for bad arguments.
   *
   * @example
   * const message = await chat.emit("message:send", { room: "lobby", text: "hi" });
   */
  emit<TEvent extends EmitName<TContract, TPath>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<SendEvents<TContract, TPath>, TEvent>>
  ): EmitResult<EventOf<SendEvents<TContract, TPath>, TEvent>> {
    return this.#send(event, args, this.#ackTimeout) as never;
  }

  /**
   * Requests a stream (a client-to-server event with `stream` or a `streamOf()` argument): its
   * arguments are checked first (`INVALID_PAYLOAD` is thrown here, nothing sent); give
   * `{ signal, window }` after them. Read the items with `for await`; `ack` is the final
   * acknowledgement; `break`, `cancel()` or the signal cancels, and the server's generator is
   * closed within one round trip.
   *
   * @example
   * const results = chat.stream("search", "cats", { signal });
   * for await (const row of results) render(row);
   * const { total } = await results.ack;
   */
  stream<TEvent extends StreamName<TContract, TPath>>(
    event: TEvent,
    ...args: StreamArgs<EventOf<SendEvents<TContract, TPath>, TEvent>>
  ): StreamResult<EventOf<SendEvents<TContract, TPath>, TEvent>> {
    return this.#streams.request(event, args) as never;
  }

  /**
   * Sets the acknowledgement timeout of one call.
   *
   * @example
   * const message = await chat.timeout(2_000).emit("message:send", { room: "lobby", text: "hi" });
   */
  timeout(ms: number): Pick<BoundClient<TContract, TPath>, "emit"> {
    return { emit: ((event: string, ...args: unknown[]) => this.#send(event, args, ms)) as never };
  }

  /**
   * Handles a server-to-client event; the handler runs only for valid input, with the parsed
   * arguments spread in order. For an ack-bearing event its return value is the acknowledgement.
   * Returns a function that removes the handler.
   *
   * @example
   * const stop = chat.on("message", (message) => render(message));
   */
  on<TEvent extends ReceiveEventName<TContract, TPath>>(event: TEvent, handler: EventHandler<EventOf<ReceiveEvents<TContract, TPath>, TEvent>>): () => void {
    const definition = this.#incoming.get(event);
    if (definition === undefined) throw new TypeError(`[socket-contract] "${event}" is not a server-to-client event of ${this.namespace}`);
    const handlers = this.#handlers.get(event);
    if (handlers === undefined) this.#handlers.set(event, [handler as Handler]);
    else if (definition.ack !== undefined) throw new TypeError(`[socket-contract] "${event}" has an acknowledgement, so it takes one handler`);
    else handlers.push(handler as Handler);
    return () => this.off(event, handler);
  }

  /**
   * Handles the next valid occurrence of an event only.
   *
   * @example
   * chat.once("message", (message) => console.log("first message", message));
   */
  once<TEvent extends ReceiveEventName<TContract, TPath>>(event: TEvent, handler: EventHandler<EventOf<ReceiveEvents<TContract, TPath>, TEvent>>): () => void {
    const wrapper = ((...args: unknown[]) => {
      stop();
      return (handler as Handler)(...args);
    }) as typeof handler;
    const stop = this.on(event, wrapper);
    return stop;
  }

  /**
   * Removes one handler, or every handler of the event.
   *
   * @example
   * chat.off("message");
   */
  off<TEvent extends ReceiveEventName<TContract, TPath>>(event: TEvent, handler?: EventHandler<EventOf<ReceiveEvents<TContract, TPath>, TEvent>>): this {
    const handlers = this.#handlers.get(event);
    if (handlers === undefined) return this;
    const kept = handler === undefined ? [] : handlers.filter((h) => h !== handler);
    if (kept.length === 0) this.#handlers.delete(event);
    else this.#handlers.set(event, kept);
    return this;
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
    this.#errorHandlers.add(handler);
    return () => this.#errorHandlers.delete(handler);
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
  isError<TEvent extends SendEventName<TContract, TPath>>(error: unknown, event: TEvent): error is InferEventError<EventOf<SendEvents<TContract, TPath>, TEvent>> {
    return ContractError.is(error) && (error.event === undefined || error.event === event);
  }

  #send(event: string, args: unknown[], timeout: number): Promise<unknown> | undefined {
    let definition;
    try {
      definition = checkOutgoing(this.#outgoing, event, args, this.namespace);
    } catch (error) {
      if (ContractError.is(error) && this.#outgoing.get(event)?.ack !== undefined) return Promise.reject(error);
      throw error;
    }
    if (definition.ack === undefined) {
      // Through timeout(): with socket.io-client's `retries`, every emit carries an ack, and only
      // one sent with a timeout reads the server's `{ ok: true }` as success rather than as an error.
      this.socket.timeout(timeout).emit(event, ...args);
      return undefined;
    }
    return requestAck(definition, { namespace: this.namespace, event }, (callback) => {
      this.socket.timeout(timeout).emit(event, ...args, callback);
    });
  }

  #onReport(payload: unknown): void {
    const event = typeof (payload as { event?: unknown } | null)?.event === "string" ? (payload as { event: string }).event : undefined;
    const error = fromWireError(payload, { namespace: this.namespace, event });
    this.report(error ?? new ContractError("INVALID_PAYLOAD", { message: "A malformed contract:error report arrived.", namespace: this.namespace }));
  }

  // Receiver: how the shared protocol reaches this client.

  /** @internal */
  get events(): EventCatalog {
    return this.#incoming;
  }

  /** @internal */
  handlersOf(event: string): readonly Handler[] | undefined {
    return this.#handlers.get(event);
  }

  /** @internal */
  sendReport(report: ContractErrorReport): void {
    this.socket.emit(CONTRACT_ERROR_EVENT, report);
  }

  /** @internal */
  report(error: ContractError): void {
    if (this.#errorHandlers.size === 0) {
      console.warn(`[socket-contract] ${error.code} on ${this.namespace} ${error.event ?? ""}: ${error.message}`);
      return;
    }
    for (const handler of this.#errorHandlers) {
      try {
        handler(error);
      } catch (thrown) {
        console.error("[socket-contract] onError threw", thrown);
      }
    }
  }
}

/** A path that some key of the contract matches; any other path does not compile. */
/** @internal Refuses a path that matches no namespace of the contract. */
export type ConcretePath<TContract extends ContractDefinition, TPath extends string> = [InferNamespacePattern<TContract, TPath>] extends [never] ? never : unknown;

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
  options: BindClientOptions = {},
): BoundClient<TContract, InferNamespacePattern<TContract, TPath>> {
  if (!isContract(contract)) throw new TypeError("[socket-contract] bindClient expects a contract made by defineContract");
  return new BoundClient(contract, path, socket, options);
}
