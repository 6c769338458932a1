import type { StandardSchemaV1 } from "@standard-schema/spec";
import type * as core from "zod/v4/core";
import type { StreamSource } from "./stream-of.js";

/** A Zod schema, classic or mini: the first-class path (compiled parsers, `binary()`). */
export type ZodSchema = core.$ZodType;

/**
 * Any schema a contract takes: a Zod schema, or any Standard Schema v1 value (Valibot, ArkType,
 * ...). One contract may mix libraries.
 */
export type AnySchema = ZodSchema | StandardSchemaV1;

/**
 * One event: its arguments in order, and optionally the acknowledgement it answers with, the items
 * it streams back, and the errors it may fail with. A `streamOf()` last argument makes the requester
 * stream items to the responder.
 */
export interface EventDefinition {
  readonly description?: string;
  readonly args: readonly AnySchema[];
  readonly ack?: AnySchema;
  /** The responder sends a sequence of these, then ends (with `ack`, the end carries the final value). */
  readonly stream?: AnySchema;
  readonly errors?: { readonly [code: string]: AnySchema };
}

/** The events of one direction, keyed by their wire names. */
export type EventMap = { readonly [event: string]: EventDefinition };

/**
 * One Socket.IO namespace: its handshake `auth`, the shape of `socket.data`, and the events each
 * side may send. A namespace whose path holds `:name` parameters (`"/org/:orgId"`) may check them
 * with `params`, a schema of an object keyed by the parameter names.
 */
export interface NamespaceDefinition {
  readonly description?: string;
  readonly params?: AnySchema;
  readonly auth?: AnySchema;
  readonly data?: AnySchema;
  readonly clientToServer?: EventMap;
  readonly serverToClient?: EventMap;
}

/** What `defineContract` takes. */
export interface ContractDefinition {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly namespaces: { readonly [path: `/${string}`]: NamespaceDefinition };
  readonly serverToServer?: EventMap;
}

/** Marks a value made by `defineContract`; checked structurally so two copies of the package agree. */
export interface ContractMarker {
  readonly kind: "socket-contract";
  readonly revision: 1;
}

/**
 * A checked contract: the definition as written, plus its marker on the `"~contract"` key. The
 * definition may also be a type alone (`TypeOnlySchema` in place of each schema), as generated
 * code declares it: runtimes typed by it never evaluate a schema library's inference.
 */
export type Contract<TDefinition extends ContractShape = ContractDefinition> = TDefinition & {
  readonly "~contract": ContractMarker;
};

/**
 * What `defineContract` takes at the type level: a `ContractDefinition` whose schemas are known
 * only to have a `"~standard"` key (every Zod 4, Valibot and ArkType schema has one). Checking a
 * schema against `AnySchema` makes TypeScript compute the schema's whole inferred type (Zod's
 * `~standard` carries its input and output), which for a big contract cost more than the rest of
 * the app; this shape rejects what is not a schema just as well, and `defineContract` checks every
 * schema at run time. The runtimes still take a full `Contract`.
 */
export interface ContractShape {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly namespaces: { readonly [path: `/${string}`]: NamespaceShape };
  readonly serverToServer?: EventMapShape;
}

/** A value with a `"~standard"` key: what `ContractShape` asks of a schema. */
export interface SchemaShape {
  readonly "~standard": unknown;
}

interface EventShape {
  readonly description?: string;
  readonly args: readonly SchemaShape[];
  readonly ack?: SchemaShape;
  readonly stream?: SchemaShape;
  readonly errors?: { readonly [code: string]: SchemaShape };
}

type EventMapShape = { readonly [event: string]: EventShape };

interface NamespaceShape {
  readonly description?: string;
  readonly params?: SchemaShape;
  readonly auth?: SchemaShape;
  readonly data?: SchemaShape;
  readonly clientToServer?: EventMapShape;
  readonly serverToClient?: EventMapShape;
}

/**
 * A schema known by its types alone, with no value behind it: what generated code writes in place
 * of each schema of a contract (`args: [payload: TypeOnlySchema<MessageSendPayload>]`), so that
 * the runtimes typed by it read named types instead of evaluating Zod's inference. `TInput` is what
 * a sender passes, `TOutput` what a receiver gets (Standard Schema's order).
 */
export interface TypeOnlySchema<TInput, TOutput = TInput> extends StandardSchemaV1<TInput, TOutput> {}

/**
 * The type-only form of a `streamOf(item)` argument: a `StreamSource` of the item's input in, an
 * `AsyncIterable` of its output out, and the item on the types-only `"~streamOf"` key.
 */
export interface TypeOnlyStreamOf<TInput, TOutput = TInput>
  extends TypeOnlySchema<StreamSource<TInput>, AsyncIterable<TOutput>> {
  readonly "~streamOf": TypeOnlySchema<TInput, TOutput>;
}
