import {
  type ContractDefinition,
  ContractError,
  type EmitResult,
  type EventOf,
  type InferArgsInput,
  type InferNamespaceParams,
  type InferSocketData,
  type ServerToClientOf,
} from "@socket-contract/contract";
import { parseValue } from "@socket-contract/contract/internal";
import type { RemoteSocket, Socket } from "socket.io";
import { type NamespaceRuntime, broadcast } from "./runtime.js";
import type { ServerEventName } from "./types.js";

const NO_PARAMS = Object.freeze({});

/**
 * A socket found by `fetchSockets()`, on this node or another: typed, contract-checked `data`, and
 * validated `emit`, with the validated acknowledgement of an ack-bearing event across nodes too.
 */
export class BoundRemoteSocket<TContract extends ContractDefinition, TPath extends string> {
  readonly raw: RemoteSocket<any, any> | Socket;
  readonly #runtime: NamespaceRuntime;
  readonly data: InferSocketData<TContract, TPath & keyof TContract["namespaces"] & string>;
  /**
   * The parameters of its dynamic namespace's path, parsed by the `params` schema, as its bound
   * socket's `params` are (`{}` on a static namespace): which tenant it belongs to.
   */
  readonly params: InferNamespaceParams<TContract, TPath & keyof TContract["namespaces"] & string>;

  /** @internal Made by `fetchSockets()`, with the runtime of the socket's own namespace (its tenant's, on a dynamic one). */
  constructor(runtime: NamespaceRuntime, raw: RemoteSocket<any, any> | Socket) {
    this.raw = raw;
    this.#runtime = runtime;
    this.data = checkData(runtime, raw) as never;
    this.params = (runtime.params ?? NO_PARAMS) as never;
  }

  /**
   * The namespace's path: the concrete one (`/org/acme`) for a socket of a dynamic namespace, as its
   * bound socket's `namespace` is, on whichever node it is connected.
   */
  get namespace(): string {
    return this.#runtime.namespace;
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

  /**
   * Sends an event to this socket, wherever it is connected, checked first (a bad payload throws
   * `INVALID_PAYLOAD`, nothing sent). For an ack-bearing event, the promise of its validated
   * acknowledgement within the `ackTimeout` option, as a bound socket's `emit` gives: it rejects with
   * `TIMEOUT`, `INVALID_ACK`, `DISCONNECTED` (the socket left before answering, or was gone), or
   * the client's declared code with its typed `data`.
   *
   * @example
   * remote.emit("message", message);
   * const answer = await remote.emit("ping"); // "pong"
   */
  emit<TEvent extends ServerEventName<TContract, TPath>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<ServerToClientOf<TContract, TPath>, TEvent>>
  ): EmitResult<EventOf<ServerToClientOf<TContract, TPath>, TEvent>> {
    return broadcast(this.#runtime, this.raw as never, event, args, undefined, true) as never;
  }

  /**
   * Sets the acknowledgement timeout of one emit.
   *
   * @example
   * const answer = await remote.timeout(2_000).emit("ping");
   */
  timeout(ms: number): Pick<this, "emit"> {
    const runtime = this.#runtime;
    const raw = this.raw;
    return {
      emit: ((event: string, ...args: unknown[]) => broadcast(runtime, raw as never, event, args, ms, true)) as never,
    };
  }

  /** @example remote.join("vip"); */
  join(room: string | string[]): void {
    void this.raw.join(room);
  }

  /** @example remote.leave("vip"); */
  leave(room: string): void {
    void this.raw.leave(room);
  }

  /** @example remote.disconnect(true); */
  disconnect(close = false): void {
    this.raw.disconnect(close);
  }
}

function checkData(runtime: NamespaceRuntime, raw: RemoteSocket<any, any> | Socket): unknown {
  if (runtime.data === undefined) return raw.data;
  const parsed = parseValue(runtime.data, raw.data, []);
  if (parsed.ok) return parsed.value;
  runtime.report(
    new ContractError("INVALID_PAYLOAD", {
      message: "A fetched socket's data does not match the contract.",
      issues: parsed.issues,
      namespace: runtime.namespace,
    }),
    {
      namespace: runtime.namespace,
      socketId: raw.id,
    },
  );
  return raw.data;
}
