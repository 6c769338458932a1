// bindServer typed by a contract written as types alone (what generated code declares): handlers
// get the parsed types, return the ack, broadcasts and socket.data are typed, from named types only.
import { expectError, expectType } from "tsd";
import { Server } from "socket.io";
import { bindServer, type BoundNamespace, type BoundServer, type BoundSocket } from "@socket-contract/server";
import { type ContractTypes, type Message, typedContract } from "../../contract/test-d/type-only-contract.js";

const server = bindServer(typedContract, new Server());
expectType<BoundServer<ContractTypes>>(server);
const chat = server.of("/chat");
expectType<BoundNamespace<ContractTypes, "/chat">>(chat);
expectError(server.of("/nope"));

chat.on("connection", (socket) => {
  expectType<BoundSocket<ContractTypes, "/chat">>(socket);
  expectType<{ token: string }>(socket.auth);
  expectType<{ userId: string }>(socket.data);
  socket.on("message:send", (payload) => {
    expectType<{ room: string; text: string }>(payload);
    return { id: "1", text: payload.text };
  });
  socket.on("avatar:upload", (payload) => {
    expectType<Uint8Array>(payload.bytes);
    return { url: "/a.png" };
  });
  socket.on("typing", (room, isTyping) => {
    expectType<string>(room);
    expectType<boolean>(isTyping);
  });
  socket.on("search", async function* (query) {
    expectType<string>(query);
    yield { id: "1", text: query };
  });
  socket.on("upload", async (name, chunks) => {
    expectType<string>(name);
    let bytes = 0;
    for await (const chunk of chunks) {
      expectType<Uint8Array>(chunk);
      bytes += chunk.byteLength;
    }
    return { bytes };
  });
  expectError(socket.on("message:send", () => ({ id: 1 })));
  expectType<Promise<"pong">>(socket.emit("ping"));
});

chat.to("lobby").emit("message", { id: "1", text: "hi" });
expectError(chat.emit("message", { id: 1 }));
expectType<Promise<"pong"[]>>(chat.timeout(1_000).emit("ping"));
expectType<void>(server.serverSideEmit("cache:invalidate", "user:1"));
server.onServerSide("cache:invalidate", (key) => expectType<string>(key));
expectType<Message>({ id: "1", text: "" });
