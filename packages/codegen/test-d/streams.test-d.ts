// The generated stream wrappers of the streams golden as a user sees them: a client method per stream
// event returning the typed stream, handlers typed as generators, uploads taking any StreamSource.
import type { ContractStream } from "@socket-contract/contract";
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd";
import { io } from "socket.io-client";
import { type FilesClient, bindFilesClient } from "../test/fixtures/streams/golden/files/client.js";
import type { FilesHandlers } from "../test/fixtures/streams/golden/files/server.js";
import type {
  ClientToServerEvents,
  Hit,
  SearchAck,
  TranslateItem,
} from "../test/fixtures/streams/golden/files/types.js";

const files: FilesClient = bindFilesClient(io("http://localhost:3000/files"));

// Requesting: the arguments, then { signal, window }; items and the ack typed exactly.
const hits = files.search("cats", { limit: 5 }, { signal: AbortSignal.timeout(1_000), window: 4 });
expectType<ContractStream<Hit, SearchAck>>(hits);
expectType<Promise<{ total: number }>>(hits.ack);
expectType<ContractStream<string, void>>(files.tail("app.log"));
expectType<ContractStream<TranslateItem, void>>(files.translate(["a", "b"]));
expectType<ContractStream<never, { bytes: number }>>(
  files.upload({ name: "a.bin" }, [new Uint8Array(1), new ArrayBuffer(2)]),
);
async function* chunks(): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(1);
}
files.upload({ name: "a.bin" }, chunks());
files.upload({ name: "a.bin" }, new ReadableStream<Uint8Array>());
// An upload takes what its item schema accepts: the input of a transform, binary as bytes.
expectError(files.translate([1, 2]));
expectError(files.upload({ name: "a.bin" }, ["not bytes"]));
expectError(files.upload({ name: "a.bin" }, "a string is iterable, but not a stream source"));
// Wrong arguments or options do not compile.
expectError(files.search(1, { limit: 5 }));
expectError(files.search("cats", { limit: "5" }));
expectError(files.tail("app.log", { window: "big" }));

// Stream events do not travel under their own names, so the Socket.IO event map has none of them.
expectNotAssignable<keyof ClientToServerEvents>("search");
expectAssignable<keyof ClientToServerEvents>("stat");

// Responding: `stream` events are generators; yields are the items' input, the return value the ack.
const search: FilesHandlers["search"] = async function* (_socket, query, { limit }) {
  expectType<string>(query);
  expectType<number>(limit);
  yield { path: "a.ts", line: 1 };
  return { total: 1 };
};
expectError<FilesHandlers["search"]>(async function* () {
  yield { path: "a.ts" };
  return { total: 1 };
});
expectError<FilesHandlers["search"]>(async function* () {
  yield { path: "a.ts", line: 1 };
  return { count: 1 };
});
// Without an ack, any (async) iterable of items answers.
const tail: FilesHandlers["tail"] = () => ["a", "b"];
expectError<FilesHandlers["tail"]>(() => [1, 2]);
// An upload's handler reads an AsyncIterable of the parsed items (the transform's output).
const translate: FilesHandlers["translate"] = async function* (_socket, texts) {
  for await (const length of texts) {
    expectType<number>(length);
    yield length;
  }
};
const upload: FilesHandlers["upload"] = async (_socket, { name }, data) => {
  let bytes = 0;
  for await (const chunk of data) {
    expectType<Uint8Array>(chunk);
    bytes += chunk.byteLength;
  }
  return { bytes: bytes + name.length };
};

// A client answering a server's stream request: a generator with the ack as its return value.
files.onCollect(function* (count) {
  expectType<number>(count);
  yield { url: "https://example.com" };
  return 1;
});
expectError(
  files.onCollect(function* () {
    yield { href: "https://example.com" };
    return 1;
  }),
);
files.onSend(async (texts) => {
  for await (const text of texts) expectType<string>(text);
  return true;
});

export { search, tail, translate, upload };
