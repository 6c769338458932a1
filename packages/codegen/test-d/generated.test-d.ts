// The generated wrappers of the chat golden as a user sees them: every promise of the README
// (a wrong payload or a missing handler does not compile, an ack's type is exact) checked here.
import { expectAssignable, expectError, expectType } from "tsd";
import { Server, type Socket as ServerSocket } from "socket.io";
import { io, type Socket } from "socket.io-client";
import { type ChatClient, bindChatClient } from "../test/fixtures/chat/golden/chat/client.js";
import { type ChatHandlers, implement } from "../test/fixtures/chat/golden/chat/server.js";
import type {
  AvatarUploadAck,
  ClientToServerEvents,
  InterServerEvents,
  Message,
  MessageSendAck,
  MessageSendError,
  MessageSendPayload,
  ServerToClientEvents,
  SocketData,
} from "../test/fixtures/chat/golden/chat/types.js";
import { bindContractServer } from "../test/fixtures/chat/golden/server.js";

// Client: one method per client-to-server event, the ack's exact type.
const chat: ChatClient = bindChatClient(io("http://localhost:3000/chat", { auth: { token: "t" } }));
expectType<Promise<MessageSendAck>>(chat.messageSend({ room: "lobby", text: "hi" }));
expectType<Promise<{ id: string; room: string; text: string; at: number }>>(
  chat.messageSend({ room: "lobby", text: "hi" }),
);
expectType<Promise<AvatarUploadAck>>(chat.avatarUpload({ name: "me.png", bytes: new Uint8Array(2) }));
expectType<Promise<AvatarUploadAck>>(chat.avatarUpload({ name: "me.png", bytes: new ArrayBuffer(2) }));
expectType<Promise<AvatarUploadAck>>(chat.avatarUpload({ name: "me.png", bytes: new Blob([]) }));
expectType<void>(chat.typing("lobby", true));
expectType<Promise<MessageSendAck>>(chat.timeout(1_000).messageSend({ room: "lobby", text: "hi" }));
expectType<Socket>(chat.socket);

// A wrong payload does not compile.
expectError(chat.messageSend({ room: 1, text: "hi" }));
expectError(chat.messageSend({ room: "lobby" }));
expectError(chat.avatarUpload({ name: "me.png", bytes: "not bytes" }));
expectError(chat.typing("lobby"));
expectError(chat.typing("lobby", "yes"));
expectError(chat.noSuchEvent());

// Receiving: handlers typed by what the server sends; an ack-bearing event's handler returns the ack.
expectType<() => void>(
  chat.onMessage((message) => {
    expectType<Message>(message);
  }),
);
// An event without ack takes a handler returning anything, as the runtime's own `on` does.
const seen: string[] = [];
expectType<() => void>(chat.onMessage((message) => seen.push(message.text)));
expectType<() => void>(chat.onPing(() => "pong"));
expectType<() => void>(chat.onPing(async () => "pong" as const));
expectError(chat.onPing(() => "ping"));
expectError(chat.onPing(() => {}));

// Errors: custom codes with typed data.
declare const failure: MessageSendError;
if (failure.code === "ROOM_FULL") expectType<{ capacity: number }>(failure.data);

// Server: implement needs exactly one handler per client-to-server event.
const server = bindContractServer(new Server());
const handlers: ChatHandlers = {
  "message:send": (socket, { room, text }) => ({ id: socket.data.userId, room, text, at: Date.now() }),
  "avatar:upload": async (_socket, { name, bytes }) => {
    expectType<Uint8Array>(bytes);
    return { url: `${name}:${bytes.byteLength}` };
  },
  typing: (_socket, room, isTyping) => {
    expectType<string>(room);
    expectType<boolean>(isTyping);
  },
};
implement(server, handlers);
implement(server, {
  "message:send": (_socket, payload) => {
    expectType<MessageSendPayload>(payload);
    return { id: "1", ...payload, at: 1 };
  },
  "avatar:upload": () => ({ url: "u" }),
  typing: () => {},
});
implement(server, { ...handlers, typing: (_socket, room) => seen.push(room) });
// A missing handler does not compile.
expectError(implement(server, { "message:send": handlers["message:send"], typing: handlers.typing }));
// Nor does an extra one, whether written in place or passed in a variable.
expectError(implement(server, { ...handlers, "message:delete": () => {} }));
const withExtra = { ...handlers, "message:delete": () => {} };
expectError(implement(server, withExtra));
// Nor a handler whose ack is wrong.
expectError(implement(server, { ...handlers, "message:send": () => ({ id: 1 }) }));

// The event maps drop into plain Socket.IO generics.
const plain = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>();
plain.on(
  "connection",
  (socket: ServerSocket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>) => {
    expectType<string>(socket.data.userId);
    socket.on("typing", (room, isTyping) => {
      expectType<string>(room);
      expectType<boolean>(isTyping);
    });
    socket.on("message:send", (payload, callback) => {
      callback({ ok: true, data: { id: "1", ...payload, at: 1 } });
    });
    socket.emit("message", { id: "1", room: "r", text: "t", at: 1 });
    expectError(socket.emit("message", { id: 1 }));
  },
);
plain.serverSideEmit("cache:invalidate", "key");
expectError(plain.serverSideEmit("cache:invalidate", 1));
const raw: Socket<ServerToClientEvents, ClientToServerEvents> = io("http://localhost:3000/chat");
raw.emit("typing", "lobby", true);
expectError(raw.emit("typing", "lobby"));
expectAssignable<Socket>(raw as Socket);
