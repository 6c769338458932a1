// What the inference helpers give a user of the built package: input and output forms of arguments
// and acks, error codes with their typed data, and the namespace-level types.
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd";
import { z } from "zod";
import {
  type BinaryInput,
  type BuiltInErrorCode,
  type ClientToServerOf,
  type ContractError,
  defineContract,
  type EmitResult,
  type EventHandler,
  type HasAck,
  type InferAckInput,
  type InferAckOutput,
  type InferArgsInput,
  type InferArgsOutput,
  type InferAuth,
  type InferAuthInput,
  type InferErrorCode,
  type InferEventError,
  type InferNamespacePath,
  type InferSocketData,
  type ServerToClientOf,
  type ServerToServerOf,
} from "@socket-contract/contract";
import type { ChatContract, Message } from "./chat-contract.js";

type Send = ClientToServerOf<ChatContract, "/chat">["message:send"];
type Upload = ClientToServerOf<ChatContract, "/chat">["avatar:upload"];
type Typing = ClientToServerOf<ChatContract, "/chat">["typing"];
type Ping = ServerToClientOf<ChatContract, "/chat">["ping"];
type Invalidate = ServerToServerOf<ChatContract>["cache:invalidate"];

declare function value<T>(): T;

// Namespaces and arguments: plain schemas have the same input and output.
expectType<"/chat">(value<InferNamespacePath<ChatContract>>());
expectType<[{ room: string; text: string }]>(value<InferArgsInput<Send>>());
expectType<[{ room: string; text: string }]>(value<InferArgsOutput<Send>>());
expectType<[string, boolean]>(value<InferArgsOutput<Typing>>());
expectType<[]>(value<InferArgsInput<Ping>>());
expectType<[string]>(value<InferArgsInput<Invalidate>>());

// binary(): the sender may pass any BinaryInput, the receiver always gets a Uint8Array.
expectType<[{ name: string; bytes: Uint8Array | ArrayBuffer | Blob }]>(value<InferArgsInput<Upload>>());
expectType<[{ name: string; bytes: Uint8Array }]>(value<InferArgsOutput<Upload>>());
expectType<Uint8Array | ArrayBuffer | Blob>(value<BinaryInput>());
// A Node Buffer is a Uint8Array, so it is a valid binary input.
expectAssignable<InferArgsInput<Upload>[0]["bytes"]>(Buffer.from("hi"));
expectNotAssignable<InferArgsInput<Upload>[0]["bytes"]>("not bytes");

// Acks: the handler returns z.input, the sender's promise resolves to z.output.
expectType<Message>(value<InferAckOutput<Send>>());
expectType<{ id: string; room: string; text: string; at: number }>(value<InferAckOutput<Send>>());
expectType<"pong">(value<InferAckOutput<Ping>>());
expectType<void>(value<InferAckOutput<Typing>>());
expectType<true>(value<HasAck<Send>>());
expectType<false>(value<HasAck<Typing>>());
expectType<Promise<Message>>(value<EmitResult<Send>>());
expectType<void>(value<EmitResult<Typing>>());

// Transforms and defaults make input and output differ, for arguments and for acks alike.
const shaped = defineContract({
  name: "shaped",
  version: "1.0.0",
  namespaces: {
    "/shaped": {
      clientToServer: {
        measure: {
          args: [z.string().transform((text) => text.length), z.number().default(1), z.object({ at: z.coerce.date() })],
          ack: z.string().transform((text) => Number(text)),
        },
      },
    },
  },
});
type Measure = ClientToServerOf<typeof shaped, "/shaped">["measure"];
expectType<[string, number | undefined, { at: unknown }]>(value<InferArgsInput<Measure>>());
expectType<[number, number, { at: Date }]>(value<InferArgsOutput<Measure>>());
expectType<string>(value<InferAckInput<Measure>>());
expectType<number>(value<InferAckOutput<Measure>>());

// A receiving handler gets the output types spread in order and answers with the ack's input type.
expectAssignable<EventHandler<Measure>>(
  (length: number, factor: number, { at }: { at: Date }) => `${length * factor}${at.getTime()}`,
);
expectNotAssignable<EventHandler<Measure>>((length: number) => length);
expectAssignable<EventHandler<Send>>(async ({ room, text }: { room: string; text: string }) => ({
  id: "1",
  room,
  text,
  at: 0,
}));
expectNotAssignable<EventHandler<Send>>(() => ({ id: "1" }));
expectNotAssignable<EventHandler<Send>>(() => {});

// Errors: built-in codes carry no data; each custom code carries its own typed data.
expectType<"ROOM_FULL">(value<InferErrorCode<Send>>());
expectType<never>(value<InferErrorCode<Typing>>());
declare const sendError: InferEventError<Send>;
expectType<BuiltInErrorCode | "ROOM_FULL">(sendError.code);
if (sendError.code === "ROOM_FULL") {
  expectType<{ capacity: number }>(sendError.data);
} else {
  expectType<BuiltInErrorCode>(sendError.code);
  expectType<undefined>(sendError.data);
}
expectType<ContractError<BuiltInErrorCode, undefined>>(value<InferEventError<Typing>>());
// The error's data is read-only, as every part of ContractError is.
expectError((sendError.code = "TIMEOUT"));

// The namespace's handshake auth and socket.data.
expectType<{ token: string }>(value<InferAuth<ChatContract, "/chat">>());
expectType<{ token: string }>(value<InferAuthInput<ChatContract, "/chat">>());
expectType<{ userId: string }>(value<InferSocketData<ChatContract, "/chat">>());
expectError(value<InferSocketData<ChatContract, "/nope">>());

// A namespace without auth or data schemas leaves them open, never `any`.
const open = defineContract({ name: "open", version: "1.0.0", namespaces: { "/open": {} } });
expectType<Record<string, unknown>>(value<InferAuth<typeof open, "/open">>());
expectType<Record<string, unknown>>(value<InferSocketData<typeof open, "/open">>());
expectType<{}>(value<ClientToServerOf<typeof open, "/open">>());
