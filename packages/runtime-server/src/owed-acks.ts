import { answerOwedAcks } from "@socket-contract/contract/internal";
import type { Namespace } from "socket.io";
import { BOUND } from "./socket.js";

/** What this file reads of a Socket.IO socket: `acks` is its map of pending acks, private in its types. */
interface Closing {
  readonly connected: boolean;
  readonly acks?: Map<number, (...args: unknown[]) => void>;
  readonly [BOUND]?: unknown;
}

/**
 * Listens, on a namespace's adapter, for its sockets' connections closing, and answers the acks a
 * closed socket still owes with `DISCONNECTED` (see `answerOwedAcks`): a broadcast with acks then
 * counts that recipient as failed at once instead of at its timeout, on this node or, through the
 * adapter, on the node that sent it. One listener per adapter, not one per socket: a closing
 * socket leaves every room, its own (named by its id) included, and is still in `nsp.sockets`
 * then; the check runs on the next tick, once Socket.IO has marked it disconnected, so a socket
 * that only left its own room is left alone.
 */
export function answerOwedAcksOnClose(namespace: Namespace): void {
  namespace.adapter.on("leave-room", onLeaveRoom);
}

function onLeaveRoom(this: { nsp: Namespace }, room: string, id: string): void {
  if (room !== id) return;
  const socket = this.nsp.sockets.get(id) as unknown as Closing | undefined;
  if (socket?.[BOUND] !== undefined && socket.acks !== undefined && socket.acks.size > 0)
    process.nextTick(answerIfClosed, socket);
}

function answerIfClosed(socket: Closing): void {
  if (!socket.connected) answerOwedAcks(socket.acks);
}
