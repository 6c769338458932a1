import {
  type ContractDefinition,
  ContractError,
  type EventOf,
  type InferArgsInput,
  type InferSocketData,
  type ServerToClientOf,
} from "@socket-contract/contract";
import { parseValue } from "@socket-contract/contract/internal";
import type { RemoteSocket, Socket } from "socket.io";
import { type NamespaceRuntime, broadcast } from "./runtime.js";
import type { EventWithoutAck } from "./types.js";

/**
 * A socket found by `fetchSockets()`, on this node or another: typed, contract-checked `data`, and
 * validated `emit` of events without acknowledgement (Socket.IO carries no acks to remote sockets).
 */
export class BoundRemoteSocket<TContract extends ContractDefinition, TPath extends string> {
  readonly raw: RemoteSocket<any, any> | Socket;
  readonly #runtime: NamespaceRuntime;
  readonly data: InferSocketData<TContract, TPath & keyof TContract["namespaces"] & string>;

  constructor(runtime: NamespaceRuntime, raw: RemoteSocket<any, any> | Socket) {
    this.raw = raw;
    this.#runtime = runtime;
    this.data = checkData(runtime, raw) as never;
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

  /** @example remote.emit("message", message); */
  emit<TEvent extends EventWithoutAck<ServerToClientOf<TContract, TPath>>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<ServerToClientOf<TContract, TPath>, TEvent>>
  ): void {
    broadcast(this.#runtime, this.raw as never, event, args, undefined);
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
