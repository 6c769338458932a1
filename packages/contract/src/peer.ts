import type { EmitResult, EventHandler, EventOf, InferArgsInput } from "./infer.js";
import type { EmitEventName, StreamArgs, StreamEventName, StreamResult } from "./infer-stream.js";
import type { Connection } from "./protocol/connection.js";
import type { Handler } from "./protocol/receive.js";

/**
 * The events one end of a bound connection may receive (`listen`) and send (`emit`), in Socket.IO's
 * order: a bound server socket listens to the contract's client-to-server events, a bound client
 * to its server-to-client ones. A type alone, on `BoundPeer`'s `"~events"` key.
 */
export interface PeerEvents<TListen = unknown, TEmit = unknown, TLifecycle = Record<never, never>> {
  readonly listen: TListen;
  readonly emit: TEmit;
  /**
   * The transport's own events this end passes through, as listener types by name: a bound server
   * socket's `disconnect` and `disconnecting` (Socket.IO's), none on a bound client.
   */
  readonly lifecycle: TLifecycle;
}

type Listen<TPeer extends BoundPeer> = TPeer["~events"]["listen"];
type Lifecycle<TPeer extends BoundPeer> = TPeer["~events"]["lifecycle"];
type Emit<TPeer extends BoundPeer> = TPeer["~events"]["emit"];

/**
 * What both ends of a bound connection share, typed by the events each may receive and send
 * (`"~events"`, see `PeerEvents`): a bound server socket (`BoundSocket`) listens to the contract's
 * client-to-server events, a bound client (`BoundClient`) to its server-to-client ones. Handlers
 * run only for valid input, with the parsed arguments spread in order, and their return value is
 * the acknowledgement; what leaves is checked first. Not constructed directly.
 *
 * Its methods read the events from `this`, not from type parameters of this class, so that an
 * editor shows `BoundPeer.emit<"message:send">(event, payload)` rather than the contract's whole
 * nested type in front of every method.
 */
export class BoundPeer {
  /** The events of this end, as types only (no value at run time): set by `BoundSocket` and `BoundClient`. */
  declare readonly "~events": PeerEvents;
  readonly #connection: Connection;

  /** @internal Made by `bindServer` and `bindClient`. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /**
   * Handles an incoming event; the handler runs only for valid input, with the parsed arguments
   * spread in order. For an ack-bearing event (one handler only) its return value, or resolved
   * promise, is the acknowledgement: throw a `ContractError` with a declared code to answer with
   * that error. Returns a function that removes the handler.
   *
   * @example
   * const stop = socket.on("message:send", async ({ room, text }) => save(room, text));
   */
  on<TEvent extends keyof Listen<this> & string>(
    event: TEvent,
    handler: EventHandler<EventOf<Listen<this>, TEvent>>,
  ): () => void;
  /**
   * Listens to a lifecycle event of the transport (a server socket's `"disconnect"` and
   * `"disconnecting"`, with Socket.IO's arguments); what the listener throws or rejects with goes to
   * `onError`. Returns a function that removes it.
   *
   * @example
   * socket.on("disconnect", (reason) => presence.delete(socket.id));
   */
  on<TEvent extends keyof Lifecycle<this> & string>(event: TEvent, listener: Lifecycle<this>[TEvent]): () => void;
  on(event: string, handler: Handler): () => void {
    return this.#connection.on(event, handler);
  }

  /**
   * Handles the next valid occurrence of an event only. Returns a function that removes the handler
   * before it ran.
   *
   * @example
   * chat.once("message", (message) => console.log("first message", message));
   */
  once<TEvent extends keyof Listen<this> & string>(
    event: TEvent,
    handler: EventHandler<EventOf<Listen<this>, TEvent>>,
  ): () => void;
  /** Listens to the next occurrence of a lifecycle event only (see `on`). @example socket.once("disconnect", onGone); */
  once<TEvent extends keyof Lifecycle<this> & string>(event: TEvent, listener: Lifecycle<this>[TEvent]): () => void;
  once(event: string, handler: Handler): () => void {
    const stop = this.#connection.on(event, (...args: unknown[]) => {
      stop();
      return handler(...args);
    });
    return stop;
  }

  /**
   * Removes one handler (as given to `on`), or every handler of the event.
   *
   * @example
   * chat.off("typing", onTyping);
   * chat.off("message");
   */
  off<TEvent extends keyof Listen<this> & string>(
    event: TEvent,
    handler?: EventHandler<EventOf<Listen<this>, TEvent>>,
  ): this;
  /** Removes one lifecycle listener (as given to `on`), or every one added here (see `on`). @example socket.off("disconnect"); */
  off<TEvent extends keyof Lifecycle<this> & string>(event: TEvent, listener?: Lifecycle<this>[TEvent]): this;
  off(event: string, handler?: Handler): this {
    this.#connection.off(event, handler);
    return this;
  }

  /**
   * Sends an event, checked before it leaves: bad arguments throw `INVALID_PAYLOAD` here and nothing
   * is sent (an ack-bearing client call rejects with it instead). For an ack-bearing event, the
   * promise of the validated acknowledgement, within the `ackTimeout` option (10,000 ms by default);
   * it rejects with a `ContractError` (`TIMEOUT`, `DISCONNECTED`, `INVALID_ACK`, or the other side's
   * code with its typed `data`).
   *
   * @example
   * const message = await chat.emit("message:send", { room: "lobby", text: "hi" });
   * const answer = await socket.emit("ping"); // "pong"
   */
  emit<TEvent extends EmitEventName<Emit<this>>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<Emit<this>, TEvent>>
  ): EmitResult<EventOf<Emit<this>, TEvent>> {
    return this.#connection.emit(event, args) as never;
  }

  /**
   * Sets the acknowledgement timeout of one emit, or how long one stream request waits for the
   * other side to acknowledge its open (a responder's runtime does as it reads it).
   *
   * @example
   * const answer = await socket.timeout(2_000).emit("ping");
   * const rows = chat.timeout(30_000).stream("search", "cats"); // a search slow to find its first row
   */
  timeout(ms: number): Pick<this, "emit" | "stream"> {
    const connection = this.#connection;
    return {
      emit: ((event: string, ...args: unknown[]) => connection.emit(event, args, ms)) as never,
      stream: ((event: string, ...args: unknown[]) => connection.stream(event, args, ms)) as never,
    };
  }

  /**
   * Sends one emit with Socket.IO's `volatile` flag, checked as every emit is: the transport drops
   * it rather than buffer it when it cannot write it now (a client that is disconnected, a busy
   * connection), so nothing stale arrives after a reconnection. For events that may be lost (a
   * cursor, typing); an ack-bearing one that is dropped rejects with `TIMEOUT`.
   *
   * @example
   * chat.volatile.emit("typing", "lobby", true);
   */
  get volatile(): Pick<this, "emit"> {
    const connection = this.#connection;
    return { emit: ((event: string, ...args: unknown[]) => connection.emitVolatile(event, args)) as never };
  }

  /**
   * Requests a stream (an event with `stream` or a `streamOf()` argument): its arguments are checked
   * first, and refused ones send nothing: a client's stream fails with `INVALID_PAYLOAD` (its `ack`
   * rejects, its first read throws), as its ack-bearing emits reject; a server's call throws it here,
   * as its emits do. Give `{ signal, window }` after the arguments.
   * Read the items with `for await`; `ack` is the final acknowledgement; `break`, `cancel()` or the
   * signal cancels, and the other side's generator is closed within one round trip.
   *
   * @example
   * const results = chat.stream("search", "cats", { signal });
   * for await (const row of results) render(row);
   * const { total } = await results.ack;
   */
  stream<TEvent extends StreamEventName<Emit<this>>>(
    event: TEvent,
    ...args: StreamArgs<EventOf<Emit<this>, TEvent>>
  ): StreamResult<EventOf<Emit<this>, TEvent>> {
    return this.#connection.stream(event, args) as never;
  }
}
