/**
 * A TypeScript type as plain data: what the model hands to the emitter. Every node is exact;
 * nothing here stands for "some type we could not work out" (that is a `CodegenError` instead).
 */
export type TypeNode =
  | KeywordNode
  | LiteralNode
  | ReferenceNode
  | ObjectNode
  | ArrayNode
  | TupleNode
  | UnionNode
  | IntersectionNode
  | CheckedNode;

export type Keyword =
  | "string"
  | "number"
  | "bigint"
  | "boolean"
  | "symbol"
  | "null"
  | "undefined"
  | "void"
  | "never"
  | "any"
  | "unknown";

export interface KeywordNode {
  readonly kind: "keyword";
  readonly name: Keyword;
}

export interface LiteralNode {
  readonly kind: "literal";
  /** A bigint literal is kept as its decimal digits with `bigint: true`, so the model stays JSON. */
  readonly value: string | number | boolean;
  readonly bigint?: true;
}

/** A named type: a global (`Date`), a generated declaration, or an import (`$brand` from "zod"). */
export interface ReferenceNode {
  readonly kind: "reference";
  readonly name: string;
  readonly args?: readonly TypeNode[];
  /** The module to import the name from, when it is neither global nor declared in the same file. */
  readonly from?: string;
}

export interface PropertyNode {
  readonly name: string;
  readonly type: TypeNode;
  readonly optional: boolean;
  readonly readonly: boolean;
  readonly description?: string;
}

export interface ObjectNode {
  readonly kind: "object";
  readonly properties: readonly PropertyNode[];
  /** The type of every other key (`[key: string]: T`), from a catch-all. */
  readonly index?: TypeNode;
}

export interface ArrayNode {
  readonly kind: "array";
  readonly element: TypeNode;
  readonly readonly: boolean;
}

export interface TupleNode {
  readonly kind: "tuple";
  readonly elements: readonly { readonly type: TypeNode; readonly optional: boolean }[];
  readonly rest?: TypeNode;
  readonly readonly: boolean;
}

export interface UnionNode {
  readonly kind: "union";
  readonly members: readonly TypeNode[];
}

export interface IntersectionNode {
  readonly kind: "intersection";
  readonly members: readonly TypeNode[];
}

/** A type printed by the TypeScript checker from the contract's own source (a transform's output). */
export interface CheckedNode {
  readonly kind: "checked";
  readonly text: string;
  /** Types of the contract module itself that the text names, imported from it by the generated file. */
  readonly contractTypes?: readonly string[];
}

export const keyword = (name: Keyword): KeywordNode => ({ kind: "keyword", name });

export const reference = (name: string, args?: readonly TypeNode[], from?: string): ReferenceNode => ({
  kind: "reference",
  name,
  ...(args === undefined ? {} : { args }),
  ...(from === undefined ? {} : { from }),
});

/** A union, flattened, without repeated members; one member is returned as is. */
export function union(members: readonly TypeNode[]): TypeNode {
  const flat: TypeNode[] = [];
  const seen = new Set<string>();
  for (const member of members.flatMap((m) => (m.kind === "union" ? m.members : [m]))) {
    const key = JSON.stringify(member);
    if (seen.has(key)) continue;
    seen.add(key);
    flat.push(member);
  }
  if (flat.length === 0) return keyword("never");
  return flat.length === 1 ? flat[0]! : { kind: "union", members: flat };
}

export function intersection(members: readonly TypeNode[]): TypeNode {
  const flat = members.flatMap((m) => (m.kind === "intersection" ? m.members : [m]));
  return flat.length === 1 ? flat[0]! : { kind: "intersection", members: flat };
}

/** The type without `undefined` (zod's `NoUndefined`). */
export function withoutUndefined(node: TypeNode): TypeNode {
  if (node.kind === "keyword" && node.name === "undefined") return keyword("never");
  if (node.kind !== "union") return node;
  return union(node.members.filter((m) => !(m.kind === "keyword" && m.name === "undefined")));
}

export function sameType(a: TypeNode, b: TypeNode): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
