// Streams on bindClient as a user of the built package sees them: stream() typed by the event's
// items and ack, emit() refusing stream events, handlers of server-requested streams as generators.
import { expectError, expectType } from "tsd";
import { io } from "socket.io-client";
import { bindClient } from "@socket-contract/client";
import type { ContractStream } from "@socket-contract/contract";
import { streamContract } from "../../contract/test-d/stream-contract.js";

const chat = bindClient(streamContract, "/s", io("http://localhost:3000/s"), { streamWindow: 32, maxStreams: 8 });
expectError(bindClient(streamContract, "/s", io("http://localhost:3000/s"), { streamWindow: "32" }));

const search = chat.stream("search", "cats", { signal: new AbortController().signal, window: 4 });
expectType<ContractStream<{ id: string; at: number }, { total: number }>>(search);
expectType<Promise<{ total: number }>>(search.ack);
expectType<ContractStream<never, { bytes: number }>>(chat.stream("upload", { name: "a" }, [new Uint8Array(2)]));
// timeout(ms) sets how long one request waits for its open's answer; the stream is typed as without it.
expectType<ContractStream<{ id: string; at: number }, { total: number }>>(
  chat.timeout(30_000).stream("search", "cats"),
);
expectError(chat.timeout(30_000).stream("search", 42));
expectError(chat.timeout(30_000).stream("plain", "x"));
chat.stream("upload", { name: "a" }, new Blob([]).stream());

expectError(chat.stream("search", 42));
expectError(chat.stream("search"));
expectError(chat.stream("upload", { name: "a" }, "not a source"));
expectError(chat.stream("plain", "x"));
expectError(chat.emit("search", "cats"));
expectError(chat.stream("progress", 1));

// A stream's failure narrows like an emit's: its declared codes with their typed data.
declare const failure: unknown;
if (chat.isError(failure, "search") && failure.code === "TOO_BROAD") expectType<{ limit: number }>(failure.data);

chat.on("progress", async function* (steps) {
  expectType<number>(steps);
  yield { pct: 50 };
  return "done" as const;
});
expectError(
  chat.on("progress", async function* () {
    yield { pct: "half" };
    return "done" as const;
  }),
);
