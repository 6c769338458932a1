import { binaryOptionsOf } from "@socket-contract/contract";
import { brandsOf, checkedType } from "./checked-type.js";
import { CodegenError } from "../errors.js";
import { pascalCase } from "./naming.js";
import type { ScopeBuilder } from "./scope-builder.js";
import { GETTER, type SchemaPath, type StaticTypes } from "./static-types.js";
import { type TypeNode, intersection, keyword, reference, union, withoutUndefined } from "./type-node.js";
import {
  type Child,
  type ZodLike,
  childrenOf,
  defOf,
  descriptionOf,
  isOptionalIn,
  isOptionalOut,
  isZodSchema,
} from "./zod-def.js";
import { makeReadonly } from "./readonly.js";
import { type StandardSchemaLike, renderStandardSchema } from "./standard-schema.js";

export type Side = "input" | "output";

/** What rendering needs beyond the schema: the file's declarations and what the checker knows. */
export interface RenderContext {
  readonly scope: ScopeBuilder;
  /** Schemas the contract module exports (or names with `.meta({ id })`): declared under that name. */
  readonly schemaNames: ReadonlyMap<ZodLike, string>;
  readonly recursive: ReadonlySet<ZodLike>;
  readonly staticTypes: StaticTypes | undefined;
  /** Set on the first of two passes: every path is recorded and nothing is asked of the checker. */
  readonly collected: SchemaPath[] | undefined;
}

/** Where a schema stands: its path for the checker, its place for error messages, a stem for names. */
export interface Site {
  readonly path: SchemaPath;
  readonly place: string;
  readonly stem: string;
  readonly depth: number;
}

const MAX_DEPTH = 64;

/**
 * The exact TypeScript type of one side of a schema: `input` is what a sender may pass, `output`
 * what a receiver gets after parsing. Named and recursive schemas become references to
 * declarations of the scope; anything that cannot be rendered exactly is a `CodegenError` naming
 * the place.
 *
 * @example
 * renderSchema(z.object({ at: z.date() }), "output", site, context); // { kind: "object", ... }
 */
export function renderSchema(schema: ZodLike, side: Side, site: Site, context: RenderContext): TypeNode {
  const names = declaredNamesOf(schema, site, context);
  if (names !== undefined) return reference(names[side]);
  return renderDeclarationBody(schema, side, site, context);
}

/** The names of a schema that gets its own declaration (exported, given an id, or recursive), declaring it on first use. */
export function declaredNamesOf(
  schema: ZodLike,
  site: Site,
  context: RenderContext,
): { input: string; output: string } | undefined {
  const known = context.scope.namesOf(schema);
  if (known !== undefined) return known;
  const name = context.schemaNames.get(schema) ?? (context.recursive.has(schema) ? site.stem : undefined);
  if (name === undefined) return undefined;
  const owner = context.schemaNames.has(schema) ? `the schema named ${name}` : `the recursive schema at ${site.place}`;
  const at = { ...site, stem: name };
  return context.scope.declareSchema(schema, name, owner, descriptionOf(schema), (side) =>
    renderDeclarationBody(schema, side, at, context),
  );
}

/** The type of a schema itself, never a reference to its own declaration. */
export function renderDeclarationBody(schema: ZodLike, side: Side, site: Site, context: RenderContext): TypeNode {
  if (site.depth > MAX_DEPTH) {
    throw new CodegenError(
      "UNRENDERABLE",
      `${site.place}: schemas nest deeper than ${MAX_DEPTH} levels; a recursive schema must recur through one schema constant (const Node = z.lazy(() => ...))`,
    );
  }
  // A schema of another library is read from its JSON Schema, a whole root at a time.
  if (!isZodSchema(schema)) return renderStandardSchema(schema as unknown as StandardSchemaLike, side, site, context);
  const body = renderBody(schema, side, site, context);
  const brands = brandsOf(schema, side, site, context);
  const shown = new Set(brandsOnTop(body));
  const added = brands.filter((brand) => !shown.has(brand));
  return added.length === 0
    ? body
    : intersection([body, ...added.map((brand) => reference("$brand", [{ kind: "checked", text: brand }], "zod"))]);
}

function renderBody(schema: ZodLike, side: Side, site: Site, context: RenderContext): TypeNode {
  if (binaryOptionsOf(schema) !== undefined) {
    return side === "output"
      ? reference("Uint8Array")
      : union([reference("Uint8Array"), reference("ArrayBuffer"), reference("Blob")]);
  }
  const def = defOf(schema);
  const children = childrenOf(schema);
  const inner = (steps: Child["steps"], innerSide: Side = side): TypeNode => {
    const child = children.find((candidate) => sameSteps(candidate.steps, steps));
    if (child === undefined)
      throw new CodegenError("UNRENDERABLE", `${site.place}: a ${def.type} schema without its inner schema`);
    return renderSchema(child.schema, innerSide, childSite(site, child), context);
  };
  switch (def.type) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
    case "symbol":
    case "null":
    case "undefined":
    case "void":
    case "never":
    case "any":
    case "unknown":
      return keyword(def.type);
    case "int":
    case "nan":
      return keyword("number");
    case "date":
      return reference("Date");
    case "file":
      return reference("File");
    case "literal":
      return union((def.values as unknown[]).map((value) => literalOf(value, site)));
    case "enum":
      return union(enumValues(def.entries).map((value) => literalOf(value, site)));
    case "object":
      return renderObject(schema, side, site, context);
    case "array":
      return { kind: "array", element: inner(["element"]), readonly: false };
    case "tuple":
      return renderTuple(schema, side, site, context);
    case "union":
      return union((def.options as unknown[]).map((_, index) => inner(["options", index])));
    case "intersection":
      return intersection([inner(["left"]), inner(["right"])]);
    case "record": {
      const record = reference("Record", [inner(["keyType"]), inner(["valueType"])]);
      const valueOptional = side === "input" && isOptionalIn(defOf(schema).valueType);
      return def.partial === true || valueOptional ? reference("Partial", [record]) : record;
    }
    case "map":
      return reference("Map", [inner(["keyType"]), inner(["valueType"])]);
    case "set":
      return reference("Set", [inner(["valueType"])]);
    case "optional":
      return schema._zod.traits?.has("$ZodExactOptional") === true
        ? inner(["innerType"])
        : union([inner(["innerType"]), keyword("undefined")]);
    case "nullable":
      return union([inner(["innerType"]), keyword("null")]);
    case "default":
      return side === "output"
        ? withoutUndefined(inner(["innerType"]))
        : union([inner(["innerType"]), keyword("undefined")]);
    case "prefault":
      return side === "output" ? inner(["innerType"]) : union([inner(["innerType"]), keyword("undefined")]);
    case "nonoptional":
      return withoutUndefined(inner(["innerType"]));
    case "catch":
      return inner(["innerType"]);
    case "success":
      return side === "output" ? keyword("boolean") : inner(["innerType"]);
    case "readonly":
      return makeReadonly(inner(["innerType"]));
    case "pipe":
      return side === "input" ? inner(["in"]) : inner(["out"]);
    case "lazy":
      return inner([GETTER]);
    case "transform":
    case "custom":
    case "template_literal":
      return checkedType(def.type, side, site, context);
    case "promise":
    case "function":
      throw new CodegenError(
        "UNRENDERABLE",
        `${site.place}: a ${def.type} schema cannot travel over Socket.IO, so it has no place in a contract`,
      );
    default:
      throw new CodegenError(
        "UNRENDERABLE",
        `${site.place}: the Zod schema type "${def.type}" is not supported by the generator`,
      );
  }
}

function renderObject(schema: ZodLike, side: Side, site: Site, context: RenderContext): TypeNode {
  const def = defOf(schema);
  const children = childrenOf(schema);
  const properties = Object.keys(def.shape).map((key) => {
    const child = children.find((candidate) => candidate.steps[0] === "shape" && candidate.steps[1] === key)!;
    const optional = side === "input" ? isOptionalIn(child.schema) : isOptionalOut(child.schema);
    const description = descriptionOf(child.schema);
    return {
      name: key,
      type: renderSchema(child.schema, side, childSite(site, child), context),
      optional,
      readonly: false,
      ...(description === undefined ? {} : { description }),
    };
  });
  const catchall = children.find((candidate) => candidate.steps[0] === "catchall");
  const index =
    catchall === undefined || defOf(catchall.schema).type === "never"
      ? undefined
      : renderSchema(catchall.schema, side, childSite(site, catchall), context);
  if (index === undefined)
    return properties.length === 0
      ? reference("Record", [keyword("string"), keyword("never")])
      : { kind: "object", properties };
  const rest: TypeNode = { kind: "object", properties: [], index };
  // Known keys and an index signature of another type cannot share one object type, so they are intersected, as Zod does.
  return properties.length === 0 ? rest : intersection([{ kind: "object", properties }, rest]);
}

function renderTuple(schema: ZodLike, side: Side, site: Site, context: RenderContext): TypeNode {
  const children = childrenOf(schema);
  const items = children.filter((child) => child.steps[0] === "items");
  const rest = children.find((child) => child.steps[0] === "rest");
  // Zod makes only a trailing run of optional items optional, like TypeScript itself.
  let optionalFrom = items.length;
  while (
    optionalFrom > 0 &&
    (side === "input" ? isOptionalIn(items[optionalFrom - 1]!.schema) : isOptionalOut(items[optionalFrom - 1]!.schema))
  )
    optionalFrom--;
  return {
    kind: "tuple",
    elements: items.map((child, index) => ({
      type: renderSchema(child.schema, side, childSite(site, child), context),
      optional: index >= optionalFrom,
    })),
    ...(rest === undefined ? {} : { rest: renderSchema(rest.schema, side, childSite(site, rest), context) }),
    readonly: false,
  };
}

export function childSite(site: Site, child: Child): Site {
  return {
    path: { definition: site.path.definition, def: [...site.path.def, ...child.steps] },
    place: `${site.place}${child.label}`,
    stem: `${site.stem}${stemOf(child.label)}`,
    depth: site.depth + 1,
  };
}

function stemOf(label: string): string {
  if (label === "[]") return "Item";
  if (label === "[string]") return "Value";
  return pascalCase(label);
}

function sameSteps(a: Child["steps"], b: Child["steps"]): boolean {
  return a.length === b.length && a.every((step, index) => step === b[index]);
}

function brandsOnTop(node: TypeNode): string[] {
  const members = node.kind === "intersection" ? node.members : [node];
  return members.flatMap((member) =>
    member.kind === "reference" &&
    member.name === "$brand" &&
    member.from === "zod" &&
    member.args?.[0]?.kind === "checked"
      ? [member.args[0].text]
      : [],
  );
}

function literalOf(value: unknown, site: Site): TypeNode {
  if (value === null) return keyword("null");
  if (value === undefined) return keyword("undefined");
  if (typeof value === "bigint") return { kind: "literal", value: value.toString(), bigint: true };
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))
    return { kind: "literal", value };
  throw new CodegenError("UNRENDERABLE", `${site.place}: the literal ${String(value)} has no TypeScript literal type`);
}

/** The values of a Zod enum; a TypeScript numeric enum's reverse mappings are left out, as Zod does. */
function enumValues(entries: Record<string, unknown>): unknown[] {
  const numeric = new Set(Object.values(entries).filter((value) => typeof value === "number"));
  return Object.entries(entries)
    .filter(([key]) => !numeric.has(Number(key)) || key.trim() === "")
    .map(([, value]) => value);
}
