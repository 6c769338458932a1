import { contract } from "@chat-example/contract";
import { bindClient } from "@socket-contract/client";
import { io, type Socket } from "socket.io-client";
import type { ChatMember, ChatMessage, ChatRoomSummary } from "./types.js";

/**
 * What the page needs from the `/chat` namespace, named as the generated client wrapper names it
 * (`messageSend`, `onMessage`, ...), so the page does not care which one stands behind it.
 */
export interface ChatConnection {
  readonly socket: Socket;
  roomList(): Promise<ChatRoomSummary[]>;
  roomJoin(room: string): Promise<{ room: string; history: ChatMessage[]; members: ChatMember[] }>;
  roomLeave(room: string): Promise<{ room: string }>;
  messageSend(payload: { room: string; text: string }): Promise<ChatMessage>;
  fileUpload(payload: { room: string; name: string; type: string; bytes: Blob | ArrayBuffer | Uint8Array }): Promise<ChatMessage>;
  typing(room: string, isTyping: boolean): void;
  onMessage(handler: (message: ChatMessage) => void): () => void;
  onTyping(handler: (room: string, author: { id: string; name: string }, isTyping: boolean) => void): () => void;
  onPresence(handler: (presence: { room: string; members: ChatMember[] }) => void): () => void;
  onPing(handler: () => { away: boolean }): () => void;
}

/**
 * Opens the page's connection to `/chat` on the server that served it, with the person's name as
 * the handshake `auth`. WebSocket first: behind several instances it needs no sticky sessions.
 *
 * @example
 * const chat = connectChat("Ada");
 * chat.socket.on("connect", () => chat.roomJoin("general"));
 */
export function connectChat(name: string): ChatConnection {
  const socket = io("/chat", { auth: { name }, transports: ["websocket", "polling"], tryAllTransports: true });
  const chat = bindClient(contract, "/chat", socket, { ackTimeout: 15_000 });
  return {
    socket,
    roomList: () => chat.emit("room:list"),
    roomJoin: (room) => chat.emit("room:join", room),
    roomLeave: (room) => chat.emit("room:leave", room),
    messageSend: (payload) => chat.emit("message:send", payload),
    // An upload may take a while on a slow link: it gets a minute, not the default 15 s.
    fileUpload: (payload) => chat.timeout(60_000).emit("file:upload", payload),
    typing: (room, isTyping) => chat.emit("typing", room, isTyping),
    onMessage: (handler) => chat.on("message", handler),
    onTyping: (handler) => chat.on("typing", handler),
    onPresence: (handler) => chat.on("presence", handler),
    onPing: (handler) => chat.on("ping", handler),
  };
}
