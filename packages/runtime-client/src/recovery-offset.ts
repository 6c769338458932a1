import type { CompiledEvent } from "@socket-contract/contract/protocol";
import type { Socket } from "socket.io-client";

/**
 * Drops the offset that Socket.IO's `connectionStateRecovery` appends to every stored packet
 * (socket.io-client reads it from the same place; it is no argument of the event). It is there
 * exactly when recovery is on (the socket has a `_pid`) and the packet carries no ack: then the
 * event arrives with one string more than it declares.
 */
export function withoutRecoveryOffset(socket: Socket, event: CompiledEvent | undefined, args: unknown[]): unknown[] {
  if (event === undefined || (socket as unknown as { _pid?: string })._pid === undefined) return args;
  if (args.length !== event.args.length + 1 || typeof args[args.length - 1] !== "string") return args;
  return args.slice(0, -1);
}
