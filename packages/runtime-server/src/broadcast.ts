import type { ContractDefinition, EventOf, InferArgsInput, ServerToClientOf } from "@socket-contract/contract";
import type { BroadcastOperator, Namespace } from "socket.io";
import { fetchSocketsWithin } from "./fetch-sockets.js";
import { BoundRemoteSocket } from "./remote-socket.js";
import { type NamespaceRuntime, broadcast } from "./runtime.js";
import type { BroadcastResult, ServerEventName } from "./types.js";

type RawTarget = BroadcastOperator<any, any> | Namespace;

/**
 * A validated view of Socket.IO's `BroadcastOperator`: pick recipients with `to`/`in`/`except`,
 * then `emit` once. The payload is checked once per broadcast, whatever the room's size.
 */
export class BoundBroadcast<TContract extends ContractDefinition, TPath extends string> {
  readonly #runtime: NamespaceRuntime;
  readonly #raw: RawTarget;
  readonly #timeout: number | undefined;

  constructor(runtime: NamespaceRuntime, raw: RawTarget, timeout?: number) {
    this.#runtime = runtime;
    this.#raw = raw;
    this.#timeout = timeout;
  }

  /** Only to sockets in these rooms. @example chat.to("lobby").emit("message", message); */
  to(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.#raw.to(room as string | string[]), this.#timeout);
  }

  /** Same as `to`. @example chat.in("lobby").emit("message", message); */
  in(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.to(room);
  }

  /** Not to sockets in these rooms. @example chat.except("muted").emit("message", message); */
  except(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.#raw.except(room as string | string[]), this.#timeout);
  }

  /** Wait this long for every recipient's acknowledgement. @example const answers = await chat.timeout(2_000).emit("ping"); */
  timeout(ms: number): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.#raw, ms);
  }

  /** Only to sockets connected to this node. @example chat.local.emit("message", message); */
  get local(): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.#raw.local, this.#timeout);
  }

  /** Drop the event for recipients that are not ready. @example chat.volatile.emit("typing", "ann", true); */
  get volatile(): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.#raw.volatile, this.#timeout);
  }

  /** @example chat.compress(false).emit("message", message); */
  compress(compress: boolean): BoundBroadcast<TContract, TPath> {
    return new BoundBroadcast(this.#runtime, this.#raw.compress(compress), this.#timeout);
  }

  /**
   * Sends the event to every selected socket. Without ack: returns nothing. With ack: a promise of
   * every recipient's validated acknowledgement, settled once each recipient answered or
   * disconnected; it rejects with `TIMEOUT`, `INVALID_ACK` or (recipients that disconnected before
   * answering, counted at once, on any node) `DISCONNECTED`, whose `data` holds the valid answers.
   *
   * @example chat.to(room).emit("message", message);
   */
  emit<TEvent extends ServerEventName<TContract, TPath>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<ServerToClientOf<TContract, TPath>, TEvent>>
  ): BroadcastResult<EventOf<ServerToClientOf<TContract, TPath>, TEvent>> {
    return broadcast(this.#runtime, this.#raw as never, event, args, this.#timeout) as never;
  }

  /**
   * The selected sockets, on every node, with typed and checked `data`. Settles within the
   * `timeout(ms)` given, else the `ackTimeout` option: it rejects with `TIMEOUT` when the adapter
   * does not answer in time (a Redis outage) or fails.
   *
   * @example const sockets = await chat.in("lobby").fetchSockets();
   */
  async fetchSockets(): Promise<BoundRemoteSocket<TContract, TPath>[]> {
    const sockets = await fetchSocketsWithin(
      this.#raw,
      this.#timeout ?? this.#runtime.ackTimeout,
      this.#runtime.namespace,
    );
    const runtime = this.#runtime;
    // On a dynamic namespace each socket gets its tenant's runtime: its path, params and interceptors.
    return sockets.map(
      (socket) =>
        new BoundRemoteSocket<TContract, TPath>(runtime.tenantOf?.(socket as never) ?? runtime, socket as never),
    );
  }

  /** @example chat.in("lobby").socketsJoin("announcements"); */
  socketsJoin(room: string | readonly string[]): void {
    this.#raw.socketsJoin(room as string | string[]);
  }

  /** @example chat.in("lobby").socketsLeave("announcements"); */
  socketsLeave(room: string | readonly string[]): void {
    this.#raw.socketsLeave(room as string | string[]);
  }

  /** @example chat.in("banned").disconnectSockets(true); */
  disconnectSockets(close = false): void {
    this.#raw.disconnectSockets(close);
  }
}
