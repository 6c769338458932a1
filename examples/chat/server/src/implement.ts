import type { contract } from "@chat-example/contract";
import type { ClientToServerOf, Contract, EventHandler, InferArgsOutput } from "@socket-contract/contract";
import type { ChatNamespace, ChatSocket } from "./types.js";

type ChatDefinition = typeof contract extends Contract<infer TDefinition> ? TDefinition : never;
type ClientEvents = ClientToServerOf<ChatDefinition, "/chat">;

/** One handler per client-to-server event, keyed by wire name: `(socket, ...args) => ack`. */
export type ChatHandlers = {
  [TEvent in keyof ClientEvents & string]: (socket: ChatSocket, ...args: InferArgsOutput<ClientEvents[TEvent]>) => ReturnType<EventHandler<ClientEvents[TEvent]>>;
};

/**
 * Registers every handler on every socket that connects to `/chat`.
 *
 * @example
 * implement(chat, { typing: (socket, room, isTyping) => {}, ... });
 */
export function implement(chat: ChatNamespace, handlers: ChatHandlers): void {
  chat.on("connection", (socket) => {
    for (const [event, handler] of Object.entries(handlers) as [keyof ChatHandlers, (socket: ChatSocket, ...args: unknown[]) => unknown][]) {
      socket.on(event, ((...args: unknown[]) => handler(socket, ...args)) as never);
    }
  });
}
