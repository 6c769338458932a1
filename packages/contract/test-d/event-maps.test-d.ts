// The inferred Socket.IO event maps drop straight into plain socket.io `Server<...>` and
// socket.io-client `Socket<...>` generics, in Socket.IO's own order, with the ack callback last.
import { expectError, expectType } from "tsd";
import type { Server } from "socket.io";
import type { Socket as ClientSocket } from "socket.io-client";
import type {
  AckEnvelope,
  ContractErrorReport,
  InferClientToServerEvents,
  InferInterServerEvents,
  InferServerToClientEvents,
  InferSocketData,
} from "@socket-contract/contract";
import type { ChatContract, Message } from "./chat-contract.js";

type ClientToServer = InferClientToServerEvents<ChatContract, "/chat">;
type ServerToClient = InferServerToClientEvents<ChatContract, "/chat">;
type InterServer = InferInterServerEvents<ChatContract>;
type SocketData = InferSocketData<ChatContract, "/chat">;

declare const message: Message;

// The maps themselves: listener signatures, the ack callback last, carrying one envelope.
expectType<(payload: { room: string; text: string }, callback: (response: AckEnvelope<Message>) => void) => void>(
  ({} as ClientToServer)["message:send"],
);
expectType<(args_0: string, args_1: boolean) => void>(({} as ClientToServer).typing);
expectType<(callback: (response: AckEnvelope<"pong">) => void) => void>(({} as ServerToClient).ping);
expectType<(report: ContractErrorReport) => void>(({} as ServerToClient)["contract:error"]);

// Server side: Server<Listen, Emit, ServerSide, Data>.
declare const io: Server<ClientToServer, ServerToClient, InterServer, SocketData>;
io.of("/chat").on("connection", (socket) => {
  socket.on("message:send", (payload, callback) => {
    expectType<{ room: string; text: string }>(payload);
    expectType<(response: AckEnvelope<Message>) => void>(callback);
    callback({ ok: true, data: message });
    callback({ ok: false, error: { code: "ROOM_FULL", message: "full", data: { capacity: 50 } } });
    expectError(callback({ ok: true, data: { id: 1 } }));
  });
  socket.on("avatar:upload", ({ bytes }) => {
    // On the wire a sender's form travels: any binary input.
    expectType<Uint8Array | ArrayBuffer | Blob>(bytes);
  });
  socket.on("typing", (room, isTyping) => {
    expectType<string>(room);
    expectType<boolean>(isTyping);
  });
  expectError(socket.on("nope", () => {}));
  expectType<SocketData>(socket.data);
  expectType<{ userId: string }>(socket.data);
  socket.emit("message", message);
  expectError(socket.emit("message", { id: 1 }));
  socket.emit("ping", (response) => expectType<AckEnvelope<"pong">>(response));
  expectType<Promise<AckEnvelope<"pong">>>(socket.emitWithAck("ping"));
});
io.serverSideEmit("cache:invalidate", "user:42");
expectError(io.serverSideEmit("cache:invalidate", 42));

// Client side: Socket<Listen, Emit>, the directions swapped.
declare const client: ClientSocket<ServerToClient, ClientToServer>;
client.on("message", (received) => expectType<Message>(received));
client.on("ping", (callback) => {
  expectType<(response: AckEnvelope<"pong">) => void>(callback);
  callback({ ok: true, data: "pong" });
  expectError(callback({ ok: true, data: "nope" }));
});
client.on("contract:error", (report) => expectType<ContractErrorReport>(report));
client.emit("message:send", { room: "lobby", text: "hi" }, (response) => expectType<AckEnvelope<Message>>(response));
client.emit("typing", "lobby", true);
expectError(client.emit("typing", "lobby"));
expectError(client.emit("nope"));
expectType<Promise<AckEnvelope<Message>>>(client.emitWithAck("message:send", { room: "lobby", text: "hi" }));
