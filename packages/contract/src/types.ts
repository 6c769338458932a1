import type * as core from "zod/v4/core";

/** Any Zod schema, classic or mini. */
export type AnySchema = core.$ZodType;

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

/** One Socket.IO namespace: its handshake `auth`, the shape of `socket.data`, and the events each side may send. */
export interface NamespaceDefinition {
  readonly description?: string;
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
