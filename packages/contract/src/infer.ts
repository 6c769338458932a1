import type { StandardSchemaV1 } from "@standard-schema/spec";
import type * as core from "zod/v4/core";
import type { ContractError } from "./contract-error.js";
import type { BuiltInErrorCode } from "./error-codes.js";
import type { IsStreamEvent, StreamHandler } from "./infer-stream.js";
import type { AckEnvelope, ContractErrorReport } from "./protocol/envelope.js";
import type { AnySchema, ContractDefinition, EventDefinition, EventMap } from "./types.js";

type MaybePromise<T> = T | Promise<T>;

/**
 * What a schema accepts: `z.input` for a Zod schema (read the way Zod reads it, which keeps big
 * contracts cheap to check), `StandardSchemaV1.InferInput` for any other library.
 */
export type InferSchemaInput<TSchema> = TSchema extends core.$ZodType
  ? core.input<TSchema>
  : TSchema extends StandardSchemaV1
    ? StandardSchemaV1.InferInput<TSchema>
    : never;

/** What a schema produces: `z.output` for a Zod schema, `StandardSchemaV1.InferOutput` for any other library. */
export type InferSchemaOutput<TSchema> = TSchema extends core.$ZodType
  ? core.output<TSchema>
  : TSchema extends StandardSchemaV1
    ? StandardSchemaV1.InferOutput<TSchema>
    : never;

/**
 * The names an event's arguments take in signatures and hovers where the contract's types give
 * none (a schema's `.meta({ name })` is invisible to types): `payload` alone, else `arg0`,
 * `arg1`... — the names the generator and the docs use when a schema has no name.
 */
type ArgLabels = [
  [],
  [payload: unknown],
  [arg0: unknown, arg1: unknown],
  [arg0: unknown, arg1: unknown, arg2: unknown],
  [arg0: unknown, arg1: unknown, arg2: unknown, arg3: unknown],
  [arg0: unknown, arg1: unknown, arg2: unknown, arg3: unknown, arg4: unknown],
  [arg0: unknown, arg1: unknown, arg2: unknown, arg3: unknown, arg4: unknown, arg5: unknown],
  [arg0: unknown, arg1: unknown, arg2: unknown, arg3: unknown, arg4: unknown, arg5: unknown, arg6: unknown],
  [
    arg0: unknown,
    arg1: unknown,
    arg2: unknown,
    arg3: unknown,
    arg4: unknown,
    arg5: unknown,
    arg6: unknown,
    arg7: unknown,
  ],
];

/**
 * Whether every argument is a type-only schema (`TypeOnlySchema`, `TypeOnlyStreamOf`), as generated
 * code writes them: its tuple already carries the names the generator chose (`[room: ..., isTyping: ...]`).
 */
type TypeOnlyArgs<TArgs extends readonly unknown[]> = [
  { [K in keyof TArgs]: [keyof TArgs[K]] extends ["~standard" | "~streamOf"] ? never : K }[number],
] extends [never]
  ? true
  : false;

/** The labels for these arguments, or `undefined` where they keep their own (type-only, or more than eight). */
type LabelsFor<TArgs extends readonly unknown[]> =
  TypeOnlyArgs<TArgs> extends true
    ? undefined
    : number extends TArgs["length"]
      ? undefined
      : TArgs["length"] extends 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8
        ? ArgLabels[TArgs["length"]]
        : undefined;

// Mapped over the labels, the result is a tuple with their names; mapped over the arguments, with theirs.
type Labelled<TLabels extends unknown[], TArgs extends readonly unknown[], TSide extends "input" | "output"> = {
  [K in keyof TLabels]: TSide extends "input"
    ? InferSchemaInput<TArgs[K & keyof TArgs]>
    : InferSchemaOutput<TArgs[K & keyof TArgs]>;
};
type MapInput<TArgs extends readonly unknown[]> =
  LabelsFor<TArgs> extends infer TLabels extends unknown[]
    ? Labelled<TLabels, TArgs, "input">
    : { -readonly [K in keyof TArgs]: InferSchemaInput<TArgs[K]> };
type MapOutput<TArgs extends readonly unknown[]> =
  LabelsFor<TArgs> extends infer TLabels extends unknown[]
    ? Labelled<TLabels, TArgs, "output">
    : { -readonly [K in keyof TArgs]: InferSchemaOutput<TArgs[K]> };

/** The namespace paths of a contract. */
export type InferNamespacePath<TContract extends ContractDefinition> = keyof TContract["namespaces"] & string;

type NamespaceOf<TContract extends ContractDefinition, TPath extends string> = TContract["namespaces"][TPath &
  keyof TContract["namespaces"]];

/** The client-to-server event definitions of one namespace. */
export type ClientToServerOf<TContract extends ContractDefinition, TPath extends string> =
  NamespaceOf<TContract, TPath> extends { readonly clientToServer: infer TEvents extends EventMap } ? TEvents : {};

/** The server-to-client event definitions of one namespace. */
export type ServerToClientOf<TContract extends ContractDefinition, TPath extends string> =
  NamespaceOf<TContract, TPath> extends { readonly serverToClient: infer TEvents extends EventMap } ? TEvents : {};

/** The server-to-server event definitions of a contract. */
export type ServerToServerOf<TContract extends ContractDefinition> = TContract extends {
  readonly serverToServer: infer TEvents extends EventMap;
}
  ? TEvents
  : {};

/** What a sender passes: the arguments' input types, in order. */
export type InferArgsInput<TEvent extends EventDefinition> = MapInput<TEvent["args"]>;
/** What a handler receives: the arguments' output types, in order. */
export type InferArgsOutput<TEvent extends EventDefinition> = MapOutput<TEvent["args"]>;

/** Whether an event answers with an acknowledgement. */
export type HasAck<TEvent extends EventDefinition> = TEvent extends { readonly ack: AnySchema } ? true : false;
/** What a handler returns as the acknowledgement (the input of `ack`). */
export type InferAckInput<TEvent extends EventDefinition> = TEvent extends { readonly ack: infer TAck }
  ? InferSchemaInput<TAck>
  : void;
/** What the sender's promise resolves to (the output of `ack`). */
export type InferAckOutput<TEvent extends EventDefinition> = TEvent extends { readonly ack: infer TAck }
  ? InferSchemaOutput<TAck>
  : void;

/** The custom error codes of an event. */
export type InferErrorCode<TEvent extends EventDefinition> = TEvent extends { readonly errors: infer TErrors }
  ? keyof TErrors & string
  : never;

/** Every error an ack-bearing call of this event can reject with: built-in codes, and custom codes with their typed `data`. */
export type InferEventError<TEvent extends EventDefinition> =
  | ContractError<BuiltInErrorCode, undefined>
  | (TEvent extends { readonly errors: infer TErrors }
      ? { [TCode in keyof TErrors & string]: ContractError<TCode, InferSchemaOutput<TErrors[TCode]>> }[keyof TErrors &
          string]
      : never);

/**
 * A receiving handler: the parsed arguments spread in order. For an ack-bearing event its return
 * value (or promise) is the acknowledgement; for any other event the return value is ignored, as
 * Socket.IO ignores a listener's. A stream event's handler is a `StreamHandler`.
 */
export type EventHandler<TEvent extends EventDefinition> =
  IsStreamEvent<TEvent> extends true
    ? StreamHandler<TEvent>
    : TEvent extends { readonly ack: AnySchema }
      ? (...args: InferArgsOutput<TEvent>) => MaybePromise<InferAckInput<TEvent>>
      : (...args: InferArgsOutput<TEvent>) => unknown;

/** The definition of one event in a direction's event map (`ClientToServerOf`, `ServerToClientOf`, ...). */
export type EventOf<TEvents, TName> = Extract<TEvents[TName & keyof TEvents], EventDefinition>;

/** What a sender's `emit` returns: a promise of the validated acknowledgement, or nothing. */
export type EmitResult<TEvent extends EventDefinition> = TEvent extends { readonly ack: AnySchema }
  ? Promise<InferAckOutput<TEvent>>
  : void;

type WireListener<TEvent extends EventDefinition> = TEvent extends { readonly ack: infer TAck extends AnySchema }
  ? (...args: [...InferArgsInput<TEvent>, callback: (response: AckEnvelope<InferSchemaInput<TAck>>) => void]) => void
  : (...args: InferArgsInput<TEvent>) => void;

// Stream events travel as `contract:*` frames, never under their own name, so they are not listeners here.
type WireEvents<TEvents> = {
  [TName in keyof TEvents & string as TEvents[TName] extends EventDefinition
    ? IsStreamEvent<TEvents[TName]> extends true
      ? never
      : TName
    : TName]: TEvents[TName] extends EventDefinition ? WireListener<TEvents[TName]> : never;
} & {
  "contract:error": (report: ContractErrorReport) => void;
};

/** The Socket.IO event map of what clients send in a namespace, as it travels on the wire: drops into `Server<...>` and `Socket<...>`. */
export type InferClientToServerEvents<
  TContract extends ContractDefinition,
  TPath extends InferNamespacePath<TContract>,
> = WireEvents<ClientToServerOf<TContract, TPath>>;

/** The Socket.IO event map of what the server sends in a namespace, as it travels on the wire. */
export type InferServerToClientEvents<
  TContract extends ContractDefinition,
  TPath extends InferNamespacePath<TContract>,
> = WireEvents<ServerToClientOf<TContract, TPath>>;

/** The Socket.IO event map of `serverSideEmit` events. */
export type InferInterServerEvents<TContract extends ContractDefinition> = {
  [TName in keyof ServerToServerOf<TContract> & string]: ServerToServerOf<TContract>[TName] extends EventDefinition
    ? WireListener<ServerToServerOf<TContract>[TName]>
    : never;
};

/** The type of `socket.data` in a namespace: the output of its `data` schema. */
export type InferSocketData<TContract extends ContractDefinition, TPath extends InferNamespacePath<TContract>> =
  NamespaceOf<TContract, TPath> extends { readonly data: infer TData }
    ? InferSchemaOutput<TData>
    : Record<string, unknown>;

/** The validated handshake `auth` the server sees in a namespace. */
export type InferAuth<TContract extends ContractDefinition, TPath extends InferNamespacePath<TContract>> =
  NamespaceOf<TContract, TPath> extends { readonly auth: infer TAuth }
    ? InferSchemaOutput<TAuth>
    : Record<string, unknown>;

/** What a client passes as handshake `auth` in a namespace. */
export type InferAuthInput<TContract extends ContractDefinition, TPath extends InferNamespacePath<TContract>> =
  NamespaceOf<TContract, TPath> extends { readonly auth: infer TAuth }
    ? InferSchemaInput<TAuth>
    : Record<string, unknown>;
