import type { TypeNode } from "./type-node.js";

/**
 * A contract as the emitter sees it: plain data, every list sorted, every name decided. Two
 * contracts with the same shape give equal models, whatever order their keys were written in.
 */
export interface ContractModel {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** Namespaces sorted by path. */
  readonly namespaces: readonly NamespaceModel[];
  /** The `serverToServer` events, in a scope of their own. */
  readonly interServer: ScopeModel;
  /** The contract package's `contractFingerprint`: a stable hash of the wire shape. */
  readonly fingerprint: string;
}

/** A set of declarations that share one output file, so names are unique within it. */
export interface ScopeModel {
  /** Sorted by name. */
  readonly declarations: readonly Declaration[];
  /** Sorted by wire name. */
  readonly events: readonly EventModel[];
}

export interface NamespaceModel extends ScopeModel {
  /** The wire path, `/chat`. */
  readonly path: string;
  /** The folder of its generated files, `chat` (`main` for `/`). */
  readonly folder: string;
  /** The PascalCase stem of its generated names, `Chat`. */
  readonly pascal: string;
  readonly description?: string;
  /** Set when the path holds `:name` parameters (`/org/:orgId`): one namespace per concrete path. */
  readonly pattern?: PatternModel;
  readonly auth?: TypePair;
  readonly data?: TypeNode;
  /** Client-to-server events, sorted by wire name. */
  readonly clientToServer: readonly EventModel[];
  /** Server-to-client events, sorted by wire name. */
  readonly serverToClient: readonly EventModel[];
  /** Set when an event takes a schema of another library (Valibot, ArkType): its bind function enables that support in a browser. */
  readonly standardSchemas?: true;
}

/** What a pattern namespace's generated files know of its paths. */
export interface PatternModel {
  /** Its concrete paths as a template literal type's text: `/org/${string}`. */
  readonly template: string;
  /** Its parameter names, in path order. */
  readonly names: readonly string[];
  /** `socket.params` (`output`) and what its `params` schema accepts (`input`): `NamespaceParams`. */
  readonly params: TypePair;
}

/** A named, exported type of the generated file. */
export interface Declaration {
  readonly name: string;
  readonly type: TypeNode;
  readonly description?: string;
}

/** What a sender passes (`input`) and what a receiver gets (`output`); the same node when they agree. */
export interface TypePair {
  readonly input: TypeNode;
  readonly output: TypeNode;
}

export interface ArgumentModel extends TypePair {
  /** The parameter name in generated signatures: `payload`, or `arg0`... when there are several. */
  readonly name: string;
}

export interface EventModel {
  /** The wire name, `message:send`. */
  readonly name: string;
  /** The stem of its type names, `MessageSend` (`ClientTyping` when both directions use `typing`). */
  readonly pascal: string;
  /** The client method that sends it, `messageSend`. */
  readonly camel: string;
  /** The client method that handles it, `onMessageSend`. */
  readonly listener: string;
  readonly description?: string;
  readonly args: readonly ArgumentModel[];
  readonly ack?: TypePair;
  /** The items the responder sends (`stream`): requested with `stream()`, answered by a generator. */
  readonly stream?: TypePair;
  /** The items the requester sends through its `streamOf()` last argument. */
  readonly upload?: TypePair;
  /** Custom error codes, sorted, with the type of their `data`. */
  readonly errors: readonly { readonly code: string; readonly data: TypePair }[];
}
