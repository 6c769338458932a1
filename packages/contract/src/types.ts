import type { StandardSchemaV1 } from "@standard-schema/spec";
import type * as core from "zod/v4/core";

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

/** A checked contract: the definition as written, plus its marker on the `"~contract"` key. */
export type Contract<TDefinition extends ContractDefinition = ContractDefinition> = TDefinition & {
  readonly "~contract": ContractMarker;
};
