import { expectType } from "tsd";
import { io } from "socket.io-client";
import { bindClient } from "@socket-contract/client";
import { contract, type Message } from "../../contract/test-d/chat-contract.js";

const chat = bindClient(contract, "/chat", io("http://localhost:3000/chat"));

// The README's promise: a custom error's data is typed by its code.
try {
  await chat.emit("message:send", { room: "lobby", text: "hi" });
} catch (error) {
  if (chat.isError(error, "message:send") && error.code === "ROOM_FULL") expectType<{ capacity: number }>(error.data);
  if (chat.isError(error, "message:send") && error.code === "TIMEOUT") expectType<undefined>(error.data);
}

// An ack-less event's handler may return anything: Socket.IO ignores a listener's return value.
const seen = new Set<string>();
expectType<() => void>(chat.on("message", (message: Message) => seen.add(message.id)));
expectType<() => void>(chat.on("message", (message) => message.id));
