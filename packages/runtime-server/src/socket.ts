import {
  BoundPeer,
  type ClientToServerOf,
  type ContractDefinition,
  type InferAuth,
  type InferNamespaceParams,
  type InferSocketData,
  type PeerEvents,
  type ServerToClientOf,
} from "@socket-contract/contract";
import { ServerConnection, type ServerWire } from "@socket-contract/contract/internal";
import type { DisconnectReason, Socket } from "socket.io";
import { BoundBroadcast } from "./broadcast.js";
import { type LimitSettings, SocketLimits } from "./limits.js";
import type { NamespaceRuntime } from "./runtime.js";

type Path<TContract extends ContractDefinition, TPath extends string> = TPath & keyof TContract["namespaces"] & string;

const NO_PARAMS = Object.freeze({});

/** Where a raw socket keeps its bound socket. */
export const BOUND = Symbol("socket-contract.bound");

type Bindable = Socket & { [BOUND]?: BoundSocket<any, any> };

/**
 * The lifecycle events Socket.IO emits on a server socket, typed as Socket.IO types them (its
 * `SocketReservedEventsMap`): `disconnecting` while the socket still has its rooms, then `disconnect`.
 * A bound socket's `on`, `once` and `off` take them beside the contract's events and pass them
 * through to the raw socket. No contract event may take these names (`defineContract` refuses them).
 */
export interface SocketLifecycleEvents {
  disconnecting: (reason: DisconnectReason, description?: any) => void;
  disconnect: (reason: DisconnectReason, description?: any) => void;
}

/**
 * One connected client, as the contract sees it: `on` registers validated handlers whose return
 * value is the acknowledgement, `emit` checks what leaves, `stream` requests a stream, and `raw`
 * is the plain Socket.IO socket. The shared half (`on`, `once`, `off`, `emit`, `timeout`, `volatile`,
 * `stream`) is `BoundPeer`'s, the same as the client's; `on("disconnect", (reason, description) => ...)`
 * and `"disconnecting"` reach Socket.IO's own events (see `SocketLifecycleEvents`).
 */
export class BoundSocket<TContract extends ContractDefinition, TPath extends string> extends BoundPeer {
  /** The events it listens to (the contract's client-to-server ones) and sends, as types only. */
  declare readonly "~events": PeerEvents<
    ClientToServerOf<TContract, TPath>,
    ServerToClientOf<TContract, TPath>,
    SocketLifecycleEvents
  >;
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
  readonly #connection: ServerConnection;

  /** @internal Made by the bound namespace when a client connects; every incoming event goes through the contract first. */
  constructor(
    runtime: NamespaceRuntime,
    raw: Socket,
    auth: unknown,
    limits?: LimitSettings,
    params: unknown = NO_PARAMS,
    carriers = false,
  ) {
    const connection = new ServerConnection(
      runtime,
      raw as unknown as ServerWire,
      limits === undefined ? undefined : new SocketLimits(limits),
    );
    super(connection);
    connection.peer = this;
    connection.carriers = carriers;
    this.#connection = connection;
    this.raw = raw;
    this.auth = auth as never;
    this.params = params as never;
    this.#runtime = runtime;
    (raw as Bindable)[BOUND] = this;
    raw.onAny(BoundSocket.#onAny);
  }

  /**
   * The one `onAny` listener of every bound socket: Socket.IO calls it with the raw socket as
   * `this`, so no closure is kept per connection. Socket.IO dispatches no event before the
   * connection is admitted, so none arrives while middleware runs.
   */
  static readonly #onAny = function (this: Bindable, event: string, ...args: unknown[]): void {
    const bound = this[BOUND];
    if (bound !== undefined) bound.#connection.receive(event, args);
  };

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

  /** The namespace's path (the concrete one, for a dynamic namespace's socket). */
  get namespace(): string {
    return this.#runtime.namespace;
  }
}
