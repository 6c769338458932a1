// bindClient as a user of the built package sees it: emit typed by the contract's arguments and
// ack, handlers typed by what the server sends, the ack of a server-to-client event exact.
import { expectError, expectType } from "tsd";
import { io, type Socket } from "socket.io-client";
import { bindClient, type BoundClient, type ContractError, connectErrorOf } from "@socket-contract/client";
import { contract, type ChatContract, type Message } from "../../contract/test-d/chat-contract.js";

const chat = bindClient(contract, "/chat", io("http://localhost:3000/chat", { auth: { token: "t" } }), {
  ackTimeout: 5_000,
});
expectType<BoundClient<ChatContract, "/chat">>(chat);
expectType<Socket>(chat.socket);
expectError(bindClient(contract, "/nope", io("http://localhost:3000/nope")));
expectError(bindClient(contract, "/chat", io("http://localhost:3000/chat"), { ackTimeout: "5s" }));
bindClient(contract, "/chat", io("http://localhost:3000/chat"), { maxDepth: 32 });
expectError(bindClient(contract, "/chat", io("http://localhost:3000/chat"), { maxDepth: "32" }));

// emit: a promise of the validated ack for an ack-bearing event, nothing otherwise.
expectType<Promise<Message>>(chat.emit("message:send", { room: "lobby", text: "hi" }));
expectType<Promise<{ url: string }>>(chat.emit("avatar:upload", { name: "me.png", bytes: new Uint8Array(4) }));
expectType<Promise<{ url: string }>>(chat.emit("avatar:upload", { name: "me.png", bytes: new ArrayBuffer(4) }));
expectType<Promise<{ url: string }>>(chat.emit("avatar:upload", { name: "me.png", bytes: new Blob([]) }));
expectType<void>(chat.emit("typing", "lobby", true));

// A wrong payload, an unknown event, a missing or extra argument: none compiles.
expectError(chat.emit("message:send", { room: 1, text: "hi" }));
expectError(chat.emit("message:send", { room: "lobby" }));
expectError(chat.emit("message:send"));
expectError(chat.emit("avatar:upload", { name: "me.png", bytes: "not bytes" }));
expectError(chat.emit("typing", "lobby"));
expectError(chat.emit("typing", "lobby", true, "extra"));
expectError(chat.emit("typing", true, "lobby"));
expectError(chat.emit("nope"));
// An event of the other direction cannot be sent.
expectError(chat.emit("message", {} as Message));

// timeout(ms).emit is typed exactly like emit.
expectType<Promise<Message>>(chat.timeout(1).emit("message:send", { room: "lobby", text: "hi" }));
expectType<void>(chat.timeout(1).emit("typing", "lobby", true));
expectError(chat.timeout(1).emit("message:send", { room: 1, text: "hi" }));
expectError(chat.timeout(1).emit("nope"));
// volatile.emit too.
expectType<void>(chat.volatile.emit("typing", "lobby", true));
expectType<Promise<Message>>(chat.volatile.emit("message:send", { room: "lobby", text: "hi" }));
expectError(chat.volatile.emit("typing", "lobby", "yes"));

// on: the handler gets the parsed output; for an ack-bearing event it returns the exact ack.
chat.on("message", (received) => expectType<Message>(received));
chat.on("ping", () => "pong" as const);
chat.on("ping", () => "pong");
chat.on("ping", async () => "pong" as const);
expectError(chat.on("ping", () => "nope"));
expectError(chat.on("ping", () => "nope" as const));
expectError(chat.on("ping", () => {}));
expectError(chat.on("message", (_received: { id: number }) => {}));
expectError(chat.on("nope", () => {}));
// A bound client has no lifecycle events of its own: its connection's are on `chat.socket`, as with socket.io-client.
expectError(chat.on("disconnect", () => {}));
expectError(chat.off("disconnect"));
expectError(chat.on("message:send", () => {}));
expectType<() => void>(chat.on("message", () => {}));
expectType<() => void>(chat.once("message", (received) => expectType<Message>(received)));
expectType<BoundClient<ChatContract, "/chat">>(chat.off("message"));

// Errors: every ContractError this client sees, and the typed reason behind a refused connection.
expectType<() => void>(chat.onError((error) => expectType<ContractError>(error)));
expectType<ContractError | undefined>(connectErrorOf(new Error("refused")));

// whenOffline takes the two documented modes only.
bindClient(contract, "/chat", io("http://localhost:3000/chat"), { whenOffline: "fail" });
bindClient(contract, "/chat", io("http://localhost:3000/chat"), { whenOffline: "buffer" });
expectError(bindClient(contract, "/chat", io("http://localhost:3000/chat"), { whenOffline: "drop" }));
