import type { ContractDefinition, EventOf, InferArgsInput, ServerToClientOf } from "@socket-contract/contract";
import type { BoundBroadcast } from "./broadcast.js";
import type { BoundRemoteSocket } from "./remote-socket.js";
import type { BroadcastResult, ServerEventName } from "./types.js";

/**
 * A namespace as a broadcast target: every method picks from, or sends to, the whole namespace
 * through the `BoundBroadcast` that `all()` gives (checked once per broadcast, on every node).
 */
export abstract class NamespaceBroadcasts<TContract extends ContractDefinition, TPath extends string> {
  /** @internal The whole namespace, as a broadcast. */
  protected abstract all(): BoundBroadcast<TContract, TPath>;

  /** Broadcasts to every socket of the namespace. @example chat.emit("message", message); */
  emit<TEvent extends ServerEventName<TContract, TPath>>(
    event: TEvent,
    ...args: InferArgsInput<EventOf<ServerToClientOf<TContract, TPath>, TEvent>>
  ): BroadcastResult<EventOf<ServerToClientOf<TContract, TPath>, TEvent>> {
    return this.all().emit(event, ...args);
  }

  /** @example chat.to("lobby").emit("message", message); */
  to(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.all().to(room);
  }

  /** @example chat.in("lobby").emit("message", message); */
  in(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.all().to(room);
  }

  /** @example chat.except("muted").emit("message", message); */
  except(room: string | readonly string[]): BoundBroadcast<TContract, TPath> {
    return this.all().except(room);
  }

  /** @example const answers = await chat.timeout(2_000).emit("ping"); */
  timeout(ms: number): BoundBroadcast<TContract, TPath> {
    return this.all().timeout(ms);
  }

  /** @example chat.local.emit("message", message); */
  get local(): BoundBroadcast<TContract, TPath> {
    return this.all().local;
  }

  /** @example chat.volatile.emit("typing", "ann", true); */
  get volatile(): BoundBroadcast<TContract, TPath> {
    return this.all().volatile;
  }

  /** @example chat.compress(false).emit("message", message); */
  compress(compress: boolean): BoundBroadcast<TContract, TPath> {
    return this.all().compress(compress);
  }

  /** @example const sockets = await chat.fetchSockets(); */
  fetchSockets(): Promise<BoundRemoteSocket<TContract, TPath>[]> {
    return this.all().fetchSockets();
  }

  /** @example chat.socketsJoin("announcements"); */
  socketsJoin(room: string | readonly string[]): void {
    this.all().socketsJoin(room);
  }

  /** @example chat.socketsLeave("announcements"); */
  socketsLeave(room: string | readonly string[]): void {
    this.all().socketsLeave(room);
  }

  /** @example chat.disconnectSockets(true); */
  disconnectSockets(close = false): void {
    this.all().disconnectSockets(close);
  }
}
