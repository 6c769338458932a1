import type { InferNamespacePath, InferSchemaOutput } from "./infer.js";
import type { ContractDefinition } from "./types.js";

type Segments<TPath extends string> = TPath extends `${infer THead}/${infer TTail}`
  ? [THead, ...Segments<TTail>]
  : [TPath];

/** A `:name` segment matches any non-empty segment; a literal one only itself. */
type SegmentMatches<TPattern extends string, TSegment extends string> = TPattern extends `:${string}`
  ? TSegment extends ""
    ? false
    : true
  : [TPattern, TSegment] extends [TSegment, TPattern]
    ? true
    : false;

type SegmentsMatch<TPattern extends readonly string[], TPath extends readonly string[]> = TPattern extends readonly [
  infer THead extends string,
  ...infer TTail extends string[],
]
  ? TPath extends readonly [infer TPathHead extends string, ...infer TPathTail extends string[]]
    ? SegmentMatches<THead, TPathHead> extends true
      ? SegmentsMatch<TTail, TPathTail>
      : false
    : false
  : TPath extends readonly []
    ? true
    : false;

type SegmentPath<TSegment extends string> = TSegment extends `:${string}` ? string : TSegment;

/**
 * The concrete paths of a namespace key, as a template literal: `"/org/:orgId"` gives
 * `` `/org/${string}` ``; a static key gives itself.
 */
export type PatternPath<TPattern extends string> = TPattern extends `${infer THead}/${infer TTail}`
  ? `${SegmentPath<THead>}/${PatternPath<TTail>}`
  : SegmentPath<TPattern>;

/** The parameter names of a namespace key: `"/org/:orgId/doc/:docId"` gives `"orgId" | "docId"`. */
export type PatternParamNames<TPattern extends string> = TPattern extends `${infer THead}/${infer TTail}`
  ? PatternParamNames<THead> | PatternParamNames<TTail>
  : TPattern extends `:${infer TName}`
    ? TName
    : never;

/**
 * The namespace key of a contract that a concrete path belongs to, segment by segment:
 * `"/org/acme"` gives `"/org/:orgId"`, `"/chat"` gives `"/chat"`, and a path that matches no key
 * gives `never`.
 */
export type InferNamespacePattern<TContract extends ContractDefinition, TPath extends string> = {
  [TKey in InferNamespacePath<TContract>]: SegmentsMatch<Segments<TKey>, Segments<TPath>> extends true ? TKey : never;
}[InferNamespacePath<TContract>];

/** Every concrete path a contract serves: its static keys, and a template literal per pattern. */
export type InferConcreteNamespacePath<TContract extends ContractDefinition> = {
  [TKey in InferNamespacePath<TContract>]: PatternPath<TKey>;
}[InferNamespacePath<TContract>];

/**
 * The parsed parameters of a namespace (`socket.params`): the output of its `params` schema, or
 * one string per `:name` when it declares none. `{}` for a static namespace.
 */
export type InferNamespaceParams<
  TContract extends ContractDefinition,
  TPattern extends InferNamespacePath<TContract>,
> = TContract["namespaces"][TPattern] extends { readonly params: infer TParams }
  ? InferSchemaOutput<TParams>
  : { readonly [TName in PatternParamNames<TPattern>]: string };
