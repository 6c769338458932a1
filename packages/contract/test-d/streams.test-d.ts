// What the stream types give a user of the built package: the requester's items and final ack,
// the responder typed as a generator, and stream events kept apart from emit() events.
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd";
import { z } from "zod";
import {
  binary,
  type ClientToServerOf,
  type ContractStream,
  defineContract,
  type EmitEventName,
  type EventHandler,
  type InferArgsInput,
  type InferArgsOutput,
  type InferClientToServerEvents,
  type IsStreamEvent,
  type StreamArgs,
  type StreamEventName,
  type StreamResult,
  streamOf,
} from "@socket-contract/contract";

const contract = defineContract({
  name: "streams",
  version: "1.0.0",
  namespaces: {
    "/s": {
      clientToServer: {
        search: {
          args: [z.string()],
          stream: z.object({ id: z.string(), at: z.coerce.number() }),
          ack: z.object({ total: z.number() }),
        },
        feed: { args: [], stream: z.string() },
        upload: {
          args: [z.object({ name: z.string() }), streamOf(binary({ maxBytes: 65_536 }))],
          ack: z.object({ bytes: z.number() }),
        },
        plain: { args: [z.string()], ack: z.number() },
      },
    },
  },
});
type Events = ClientToServerOf<typeof contract, "/s">;
type Search = Events["search"];
type Feed = Events["feed"];
type Upload = Events["upload"];
type Plain = Events["plain"];

declare function value<T>(): T;

// Which events stream, and which are emitted.
expectType<true>(value<IsStreamEvent<Search>>());
expectType<true>(value<IsStreamEvent<Upload>>());
expectType<false>(value<IsStreamEvent<Plain>>());
expectType<"search" | "feed" | "upload">(value<StreamEventName<Events>>());
expectType<"plain">(value<EmitEventName<Events>>());

// The requester: parsed items (z.output), the final ack, cancel.
const search = value<StreamResult<Search>>();
expectAssignable<AsyncIterable<{ id: string; at: number }>>(search);
expectType<Promise<{ total: number }>>(search.ack);
search.cancel();
expectType<Promise<void>>(value<StreamResult<Feed>>().ack);
expectAssignable<ContractStream<never, { bytes: number }>>(value<StreamResult<Upload>>());

// Arguments: a streamOf() takes an AsyncIterable, an Iterable or a ReadableStream; options come last.
expectAssignable<StreamArgs<Upload>>([{ name: "a" }, [new Uint8Array(1)]]);
expectAssignable<StreamArgs<Upload>>([{ name: "a" }, value<ReadableStream<Uint8Array>>(), { window: 4 }]);
expectAssignable<StreamArgs<Search>>(["cats", { signal: new AbortController().signal }]);
expectNotAssignable<StreamArgs<Upload>>([{ name: "a" }, "not a stream"]);
expectNotAssignable<StreamArgs<Search>>([42]);
expectType<[{ name: string }, AsyncIterable<Uint8Array>]>(value<InferArgsOutput<Upload>>());
expectAssignable<InferArgsInput<Upload>[1]>(value<AsyncIterable<ArrayBuffer>>());

// The responder: an async generator whose yields are items and whose return is the ack.
expectAssignable<EventHandler<Search>>(async function* (query: string) {
  yield { id: query, at: "1" };
  return { total: 1 };
});
expectNotAssignable<EventHandler<Search>>(async function* () {
  yield { id: 1, at: 1 };
  return { total: 1 };
});
expectNotAssignable<EventHandler<Search>>(async function* () {
  yield { id: "a", at: 1 };
  return { total: "one" };
});
expectAssignable<EventHandler<Feed>>(() => ["a", "b"]);
expectAssignable<EventHandler<Upload>>(async (_meta: { name: string }, chunks: AsyncIterable<Uint8Array>) => {
  let bytes = 0;
  for await (const chunk of chunks) bytes += chunk.byteLength;
  return { bytes };
});
expectError<EventHandler<Upload>>(async () => ({ bytes: "many" }));

// Stream events never travel under their own name: they are not in the Socket.IO event map.
type Wire = InferClientToServerEvents<typeof contract, "/s">;
expectType<false>(value<"search" extends keyof Wire ? true : false>());
expectType<true>(value<"plain" extends keyof Wire ? true : false>());
