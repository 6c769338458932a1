import { bindChatClient, type ChatClient } from "@chat-example/contract/client";
import { io } from "socket.io-client";

/**
 * Opens the page's connection to `/chat` on the server that served it, with the person's name as
 * the handshake `auth`, through the client wrapper generated from the contract. WebSocket first:
 * behind several instances it needs no sticky sessions.
 *
 * @example
 * const chat = connectChat("Ada");
 * chat.socket.on("connect", () => chat.roomJoin("general"));
 */
export function connectChat(name: string): ChatClient {
  const socket = io("/chat", { auth: { name }, transports: ["websocket", "polling"], tryAllTransports: true });
  // Offline, a call fails at once with DISCONNECTED ("You are offline") and is never sent later:
  // Socket.IO would buffer it and send it on reconnection, long after the person gave up on it.
  return bindChatClient(socket, { ackTimeout: 15_000, whenOffline: "fail" });
}
