// bindServer as a user of the built package sees it: namespaces from the contract only, handlers
// typed by the contract, validated emits whose results are typed by the ack.
import { expectError, expectType } from "tsd";
import { Server, type DisconnectReason, type Namespace, type Socket } from "socket.io";
import {
  bindServer,
  type BoundBroadcast,
  type BoundNamespace,
  type BoundRemoteSocket,
  type BoundServer,
  type BoundSocket,
  ContractError,
  type ErrorContext,
  type SocketLifecycleEvents,
} from "@socket-contract/server";
import { contract, type ChatContract, type Message } from "../../contract/test-d/chat-contract.js";

declare const message: Message;
const io = new Server();

const server = bindServer(contract, io, {
  ackTimeout: 10_000,
  onError: (error, context) => {
    expectType<ContractError>(error);
    expectType<ErrorContext>(context);
    expectType<string | undefined>(context.event);
  },
});
expectError(bindServer(contract, io, { ackTimeout: "10s" }));
bindServer(contract, io, { maxDepth: 32 });
bindServer(contract, io, { maxDepth: Infinity });
expectError(bindServer(contract, io, { maxDepth: false }));
// Only a contract made by defineContract binds.
expectError(bindServer({ name: "chat", version: "1.0.0", namespaces: { "/chat": {} } }, io));
expectType<Server>(server.io);
expectType<"chat">(server.contract.name);

// Namespaces: the contract's paths only.
const chat = server.of("/chat");
expectType<"/chat">(chat.name);
expectType<Namespace>(chat.raw);
expectError(server.of("/nope"));
expectError(server.of("chat"));

// serverSideEmit and its handler are typed by serverToServer.
expectType<void>(server.serverSideEmit("cache:invalidate", "user:42"));
expectError(server.serverSideEmit("cache:invalidate", 42));
expectError(server.serverSideEmit("cache:invalidate"));
expectError(server.serverSideEmit("message", message));
expectType<() => void>(server.onServerSide("cache:invalidate", (key) => expectType<string>(key)));
expectError(server.onServerSide("nope", () => {}));

// Middleware runs after auth was validated: socket.auth is typed, socket.data may be filled.
chat.use(async (socket) => {
  expectType<{ token: string }>(socket.auth);
  expectType<string>(socket.auth.token);
  socket.data.userId = socket.auth.token;
  expectError((socket.data.userId = 42));
  expectError(socket.auth.password);
});
expectError(chat.on("disconnect", () => {}));

chat.on("connection", (socket) => {
  expectType<{ userId: string }>(socket.data);
  expectType<{ token: string }>(socket.auth);
  expectType<Socket>(socket.raw);
  expectType<string>(socket.id);

  // Handlers get the parsed arguments spread in order; the return value is the ack.
  socket.on("typing", (room, isTyping) => {
    expectType<string>(room);
    expectType<boolean>(isTyping);
  });
  socket.on("message:send", async ({ room, text }) => {
    expectType<string>(room);
    expectType<string>(text);
    if (room === "full") throw new ContractError("ROOM_FULL", { data: { capacity: 50 } });
    return { id: "1", room, text, at: Date.now() };
  });
  socket.on("avatar:upload", ({ name, bytes }) => {
    expectType<string>(name);
    expectType<Uint8Array>(bytes);
    return { url: `/avatars/${name}` };
  });
  // One handler API on both sides: `on` and `once` return the handler's remover, `off` the socket.
  expectType<() => void>(socket.on("typing", () => {}));
  expectType<() => void>(socket.once("typing", (_room: string) => {}));
  expectType<typeof socket>(socket.off("typing"));
  expectError(socket.once("typing", (_room: number) => {}));
  // A wrong ack, a missing ack, an ack where none is declared: none compiles.
  expectError(socket.on("message:send", () => ({ id: 1 })));
  expectError(socket.on("message:send", async () => ({ id: "1" })));
  expectError(socket.on("message:send", () => {}));
  expectError(socket.on("typing", (_room: number) => {}));
  // An event the contract does not declare, or one from the other direction.
  expectError(socket.on("nope", () => {}));
  expectError(socket.on("message", () => {}));

  // Socket.IO's lifecycle events, typed as Socket.IO types them, passed through to the raw socket.
  expectType<() => void>(
    socket.on("disconnect", (reason, description) => {
      expectType<DisconnectReason>(reason);
      expectType<any>(description);
    }),
  );
  expectType<() => void>(socket.on("disconnecting", (reason) => expectType<DisconnectReason>(reason)));
  expectType<() => void>(socket.once("disconnect", async () => {}));
  expectType<typeof socket>(socket.off("disconnect"));
  expectType<typeof socket>(socket.off("disconnecting", (_reason: DisconnectReason) => {}));
  expectError(socket.on("disconnect", (_reason: number) => {}));
  expectError(socket.on("disconnect", (_reason: string, _description: unknown, _extra: string) => {}));
  expectError(socket.off("disconnect", (_reason: number) => {}));
  // Other reserved names are no events of a bound socket.
  expectError(socket.on("connect", () => {}));
  expectError(socket.on("error", () => {}));
  const onDisconnect: SocketLifecycleEvents["disconnect"] = (_reason: DisconnectReason) => {};
  socket.off("disconnect", onDisconnect);

  // Emits to this socket: checked arguments; the ack's promise where there is one.
  expectType<Promise<"pong">>(socket.emit("ping"));
  expectType<Promise<"pong">>(socket.timeout(1).emit("ping"));
  expectType<Promise<"pong">>(socket.volatile.emit("ping"));
  expectType<void>(socket.volatile.emit("message", message));
  expectError(socket.volatile.emit("message", { id: 1 }));
  expectType<void>(socket.emit("message", message));
  expectError(socket.emit("message", { id: 1 }));
  expectError(socket.emit("message"));
  expectError(socket.emit("message", message, message));
  expectError(socket.emit("ping", "extra"));
  expectError(socket.emit("nope"));
  expectError(socket.emit("typing", "lobby", true));

  // Rooms and broadcasts from this socket.
  expectType<BoundBroadcast<ChatContract, "/chat">>(socket.to("lobby"));
  expectType<void>(socket.to("lobby").emit("message", message));
  expectType<void>(socket.broadcast.emit("message", message));
  expectError(socket.to("lobby").emit("message", { id: 1 }));
});

// Broadcasts from the namespace: validated once; with acks, an array of every client's ack.
expectType<void>(chat.emit("message", message));
expectType<void>(chat.to("r").emit("message", message));
expectType<void>(chat.in(["a", "b"]).except("muted").emit("message", message));
expectType<void>(chat.local.volatile.emit("message", message));
expectType<void>(chat.compress(false).to(["a", "b"]).except(["c"]).emit("message", message));
expectError(chat.compress(false).emit("message", { id: 1 }));
expectType<Promise<"pong"[]>>(chat.timeout(1).emit("ping"));
expectType<Promise<"pong"[]>>(chat.to("r").timeout(1).emit("ping"));
expectError(chat.to("r").emit("message", { id: 1 }));
expectError(chat.to("r").emit("nope"));
expectError(chat.emit("message:send", { room: "r", text: "t" }));

// fetchSockets: typed data; an ack-bearing emit gives the one validated ack, as a bound socket's does.
declare const remote: BoundRemoteSocket<ChatContract, "/chat">;
expectType<Promise<BoundRemoteSocket<ChatContract, "/chat">[]>>(chat.fetchSockets());
expectType<{ userId: string }>(remote.data);
expectType<void>(remote.emit("message", message));
expectType<Promise<"pong">>(remote.emit("ping"));
expectType<Promise<"pong">>(remote.timeout(1_000).emit("ping"));
expectType<void>(remote.timeout(1_000).emit("message", message));
expectError(remote.emit("ping", "extra"));
expectError(remote.emit("message:send", { room: "r", text: "t" }));

// The exported class names are usable in a user's own signatures.
declare const boundServer: BoundServer<ChatContract>;
declare const boundNamespace: BoundNamespace<ChatContract, "/chat">;
declare const boundSocket: BoundSocket<ChatContract, "/chat">;
expectType<Promise<"pong">>(boundSocket.emit("ping"));
expectType<Promise<"pong"[]>>(boundNamespace.timeout(1).emit("ping"));
expectError(boundServer.of("/nope"));
