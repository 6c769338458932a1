// Streams on bindServer as a user of the built package sees them: generator handlers whose yields
// are items and whose return is the ack, socket.stream() typed, emit() refusing stream events.
import { expectError, expectType } from "tsd";
import { Server } from "socket.io";
import { bindServer } from "@socket-contract/server";
import type { ContractStream } from "@socket-contract/contract";
import { streamContract } from "../../contract/test-d/stream-contract.js";

const server = bindServer(streamContract, new Server(), { streamWindow: 32, maxStreams: 100 });
expectError(bindServer(streamContract, new Server(), { maxStreams: "many" }));

server.of("/s").on("connection", (socket) => {
  socket.on("search", async function* (query) {
    expectType<string>(query);
    yield { id: query, at: "1" };
    return { total: 1 };
  });
  socket.on("upload", async ({ name }, chunks) => {
    expectType<string>(name);
    expectType<AsyncIterable<Uint8Array>>(chunks);
    return { bytes: 0 };
  });
  expectError(
    socket.on("search", async function* () {
      yield { id: 1, at: 1 };
      return { total: 1 };
    }),
  );
  expectError(
    socket.on("search", async function* () {
      yield { id: "a", at: 1 };
      return { total: "one" };
    }),
  );

  const progress = socket.stream("progress", 3);
  expectType<ContractStream<{ pct: number }, "done">>(progress);
  expectType<ContractStream<{ pct: number }, "done">>(socket.timeout(30_000).stream("progress", 3));
  expectError(socket.timeout(30_000).stream("progress", "3"));
  expectError(socket.stream("notice", "x"));
  expectError(socket.emit("progress", 3));
  expectError(socket.stream("search", "x"));
});
