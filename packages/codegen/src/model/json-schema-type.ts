import { CodegenError } from "../errors.js";
import type { DeclaredNames, ScopeBuilder } from "./scope-builder.js";
import { type PropertyNode, type TypeNode, intersection, keyword, reference, union } from "./type-node.js";

/** A JSON Schema value: an object, or `true` / `false`. */
export type Json = { readonly [key: string]: unknown } | boolean;

/** One schema's two JSON Schema documents (what it accepts, what it produces), and where it stands. */
export interface JsonRoot {
  readonly input: Json;
  readonly output: Json;
  /** The scope the root's recursive parts are declared in. */
  readonly scope: ScopeBuilder;
  /** A key for the root's recursive parts, the same object for both sides. */
  readonly key: object;
  readonly place: string;
  readonly stem: string;
}

/** Keys that only document a schema, or constrain values beyond what a TypeScript type says. */
const NON_TYPE_KEYS = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "description",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minProperties",
  "maxProperties",
  "uniqueItems",
  "contentMediaType",
  "contentEncoding",
  "propertyNames",
  "$defs",
  "definitions",
  "minItems",
  "maxItems",
]);

/**
 * The TypeScript type a JSON Schema describes, exactly, for a schema of another Standard Schema
 * library (Valibot, ArkType...). Recursive `$ref`s become named declarations (`<Stem>Node`); a
 * part the type cannot be told from (an empty schema, which a library also writes for a `Date` or
 * a transform's output) is a `CodegenError` naming the place, never a silent `unknown`.
 *
 * @example
 * renderJsonRoot(root, "input"); // { kind: "object", properties: [...] }
 */
export function renderJsonRoot(root: JsonRoot, side: "input" | "output"): TypeNode {
  return renderSide(root, side, root[side], root.place, []);
}

function renderSide(
  root: JsonRoot,
  side: "input" | "output",
  node: Json,
  place: string,
  stack: readonly string[],
): TypeNode {
  const document = root[side];
  if (typeof node === "boolean") return node ? unknownAt(place) : keyword("never");
  const ref = node.$ref;
  if (typeof ref !== "string")
    return renderNode(node, place, side, (child, suffix) => renderSide(root, side, child, `${place}${suffix}`, stack));
  const target = resolve(document, ref, place);
  const recursive = recursiveRefs(document);
  if (!recursive.includes(ref)) return renderSide(root, side, target, place, [...stack, ref]);
  const names = declareRef(root, ref, recursive, (other) =>
    renderSide(root, other, resolve(root[other], ref, place), place, [ref]),
  );
  return reference(names[side]);
}

type Inner = (child: Json, suffix: string) => TypeNode;

function renderNode(
  node: { readonly [key: string]: unknown },
  place: string,
  side: "input" | "output",
  inner: Inner,
): TypeNode {
  if ("const" in node) return literalOf(node.const, place);
  if (Array.isArray(node.enum)) return union(node.enum.map((value) => literalOf(value, place)));
  for (const combinator of ["anyOf", "oneOf"] as const) {
    const options = node[combinator];
    if (Array.isArray(options))
      return withRest(
        node,
        combinator,
        union(options.map((option: Json, index) => inner(option, ` (option ${index})`))),
        place,
        side,
        inner,
      );
  }
  if (Array.isArray(node.allOf))
    return intersection(node.allOf.map((part: Json, index) => inner(part, ` (part ${index})`)));
  if (Array.isArray(node.type))
    return union(node.type.map((type) => renderTyped({ ...node, type }, place, side, inner)));
  if (typeof node.type === "string") return renderTyped(node, place, side, inner);
  if ("properties" in node || "additionalProperties" in node)
    return renderTyped({ ...node, type: "object" }, place, side, inner);
  if ("items" in node || "prefixItems" in node) return renderTyped({ ...node, type: "array" }, place, side, inner);
  const unknownKeys = Object.keys(node).filter((key) => !NON_TYPE_KEYS.has(key));
  if (unknownKeys.length > 0)
    throw new CodegenError(
      "UNRENDERABLE",
      `${place}: the JSON Schema keyword "${unknownKeys[0]}" has no TypeScript type the generator can print`,
    );
  return unknownAt(place);
}

/** `anyOf` beside other keywords (`type`, `properties`) narrows them: both must hold. */
function withRest(
  node: { readonly [key: string]: unknown },
  used: string,
  options: TypeNode,
  place: string,
  side: "input" | "output",
  inner: Inner,
): TypeNode {
  const rest = Object.fromEntries(Object.entries(node).filter(([key]) => key !== used));
  const typed = Object.keys(rest).some((key) => !NON_TYPE_KEYS.has(key));
  return typed ? intersection([renderNode(rest, place, side, inner), options]) : options;
}

function renderTyped(
  node: { readonly [key: string]: unknown },
  place: string,
  side: "input" | "output",
  inner: Inner,
): TypeNode {
  switch (node.type) {
    case "string":
    case "number":
    case "boolean":
    case "null":
      return keyword(node.type);
    case "integer":
      return keyword("number");
    case "object":
      return renderObject(node, side, inner);
    case "array":
      return renderArray(node, inner);
    default:
      throw new CodegenError(
        "UNRENDERABLE",
        `${place}: the JSON Schema type ${JSON.stringify(node.type)} has no TypeScript type`,
      );
  }
}

function renderObject(node: { readonly [key: string]: unknown }, side: "input" | "output", inner: Inner): TypeNode {
  const properties = (node.properties ?? {}) as Record<string, Json>;
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  // What a parse produces always holds a key with a default, though Valibot's output JSON Schema
  // leaves it out of `required` (ArkType's lists it): inference types it as required.
  if (side === "output")
    for (const name of Object.keys(properties)) {
      const property = properties[name];
      if (typeof property === "object" && property !== null && "default" in property) required.add(name);
    }
  const members: PropertyNode[] = Object.keys(properties).map((name) => {
    const schema = properties[name]!;
    const description =
      typeof schema === "object" && typeof schema.description === "string" && schema.description.trim() !== ""
        ? schema.description.trim()
        : undefined;
    return {
      name,
      type: inner(schema, `.${name}`),
      optional: !required.has(name),
      readonly: false,
      ...(description === undefined ? {} : { description }),
    };
  });
  // `additionalProperties: true` (or absent) is how a library says it ignores other keys: TypeScript objects are open anyway.
  const extra = node.additionalProperties;
  const index = typeof extra === "object" && extra !== null ? inner(extra as Json, "[string]") : undefined;
  if (index === undefined)
    return members.length === 0
      ? reference("Record", [keyword("string"), keyword("never")])
      : { kind: "object", properties: members };
  const rest: TypeNode =
    members.length === 0 ? reference("Record", [keyword("string"), index]) : { kind: "object", properties: [], index };
  return members.length === 0 ? rest : intersection([{ kind: "object", properties: members }, rest]);
}

function renderArray(node: { readonly [key: string]: unknown }, inner: Inner): TypeNode {
  // draft-07 writes a tuple as `items: [...]` (rest in `additionalItems`); 2020-12 as `prefixItems` (rest in `items`).
  const prefix = (
    Array.isArray(node.prefixItems) ? node.prefixItems : Array.isArray(node.items) ? node.items : undefined
  ) as Json[] | undefined;
  if (prefix === undefined)
    return {
      kind: "array",
      element: node.items === undefined ? unknownAt("[]") : inner(node.items as Json, "[]"),
      readonly: false,
    };
  const restSchema = Array.isArray(node.prefixItems) ? node.items : node.additionalItems;
  const minItems = typeof node.minItems === "number" ? node.minItems : 0;
  return {
    kind: "tuple",
    elements: prefix.map((item, index) => ({ type: inner(item, `[${index}]`), optional: index >= minItems })),
    ...(typeof restSchema === "object" && restSchema !== null ? { rest: inner(restSchema as Json, "[rest]") } : {}),
    readonly: false,
  };
}

function literalOf(value: unknown, place: string): TypeNode {
  if (value === null) return keyword("null");
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))
    return { kind: "literal", value };
  throw new CodegenError(
    "UNRENDERABLE",
    `${place}: the JSON Schema value ${JSON.stringify(value)} has no TypeScript literal type`,
  );
}

function unknownAt(place: string): never {
  throw new CodegenError(
    "UNRENDERABLE",
    `${place}: its JSON Schema accepts any value here, which its library also writes for types JSON Schema cannot describe (a Date, a transform's output); the generator will not guess: use a schema JSON Schema describes`,
  );
}

/** The schema a local `$ref` (`#/$defs/x`, `#/definitions/x`, `#`) points to. */
function resolve(document: Json, ref: string, place: string): Json {
  if (ref === "#") return document;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const found =
    match === null || typeof document !== "object"
      ? undefined
      : (document[match[1]!] as Record<string, Json> | undefined)?.[
          decodeURIComponent(match[2]!.replace(/~1/g, "/").replace(/~0/g, "~"))
        ];
  if (found === undefined)
    throw new CodegenError(
      "UNRENDERABLE",
      `${place}: the JSON Schema reference ${JSON.stringify(ref)} points nowhere the generator can follow`,
    );
  return found;
}

/** The `$ref`s met again inside themselves, in the order a depth-first walk meets them: each needs a name. */
function recursiveRefs(document: Json): string[] {
  const found: string[] = [];
  const visit = (node: unknown, stack: readonly string[]): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, stack));
    if (typeof node !== "object" || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === "$defs" || key === "definitions") continue;
      if (key !== "$ref" || typeof child !== "string") {
        visit(child, stack);
        continue;
      }
      if (stack.includes(child)) {
        if (!found.includes(child)) found.push(child);
        continue;
      }
      let target: Json | undefined;
      try {
        target = resolve(document, child, "");
      } catch {
        continue;
      }
      visit(target, [...stack, child]);
    }
  };
  visit(document, []);
  return found;
}

/** Per scope (a generated file), per root schema: the recursive parts declared so far. */
const declaredRefs = new WeakMap<ScopeBuilder, WeakMap<object, Map<string, DeclaredNames>>>();

/** Declares a recursive part once per root (`<Stem>Node`, `<Stem>Node2`... in the order met), rendering each side from its own document. */
function declareRef(
  root: JsonRoot,
  ref: string,
  recursive: readonly string[],
  render: (side: "input" | "output") => TypeNode,
): DeclaredNames {
  let roots = declaredRefs.get(root.scope);
  if (roots === undefined) declaredRefs.set(root.scope, (roots = new WeakMap()));
  let refs = roots.get(root.key);
  if (refs === undefined) roots.set(root.key, (refs = new Map()));
  const known = refs.get(ref);
  if (known !== undefined) return known;
  const index = recursive.indexOf(ref);
  const name = `${root.stem}Node${index === 0 ? "" : index + 1}`;
  const provisional = { output: name, input: `${name}Input` };
  refs.set(ref, provisional);
  const names = root.scope.declareSchema(
    undefined,
    name,
    `the recursive part ${ref} of ${root.place}`,
    undefined,
    render,
  );
  refs.set(ref, names);
  return names;
}
