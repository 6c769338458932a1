// bindClient typed by a contract written as types alone (what generated code declares): the same
// emit, handlers, acks, errors and streams as inference gives, from named types only.
import { expectError, expectType } from "tsd";
import { io } from "socket.io-client";
import { bindClient, type BoundClient, type ContractError } from "@socket-contract/client";
import type { BuiltInErrorCode, ContractStream } from "@socket-contract/contract";
import { type ContractTypes, type Message, typedContract } from "../../contract/test-d/type-only-contract.js";

const chat = bindClient(typedContract, "/chat", io("http://localhost:3000/chat"));
expectType<BoundClient<ContractTypes, "/chat">>(chat);
expectError(bindClient(typedContract, "/nope", io("http://localhost:3000/nope")));

expectType<Promise<Message>>(chat.emit("message:send", { room: "lobby", text: "hi" }));
expectType<Promise<{ url: string }>>(chat.emit("avatar:upload", { bytes: new ArrayBuffer(4) }));
expectType<void>(chat.emit("typing", "lobby", true));
expectError(chat.emit("message:send", { room: 1, text: "hi" }));
expectError(chat.emit("typing", "lobby"));
expectError(chat.emit("search", "cats"));
expectError(chat.emit("nope"));

expectType<ContractStream<Message, void>>(chat.stream("search", "cats"));
expectType<ContractStream<never, { bytes: number }>>(chat.stream("upload", "a.bin", [new Uint8Array(1)]));

chat.on("message", (message) => expectType<Message>(message));
chat.on("ping", () => "pong" as const);
expectError(chat.on("ping", () => "nope" as const));

declare const caught: unknown;
if (chat.isError(caught, "message:send")) {
  expectType<ContractError<BuiltInErrorCode, undefined> | ContractError<"ROOM_FULL", { capacity: number }>>(caught);
}
