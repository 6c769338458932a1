import { binaryOptionsOf } from "@socket-contract/contract";
import { CodegenError } from "../errors.js";
import type { RenderContext, Side, Site } from "./render-schema.js";
import type { StaticSide, StaticTypes } from "./static-types.js";
import { type TypeNode, keyword } from "./type-node.js";
import { type ZodLike, defOf } from "./zod-def.js";

// What rendering asks of the TypeScript checker: the types the running schema cannot tell
// (transforms, customs, template literals, brands), and whether a schema needs it at all.

/** The type the checker gave a schema at this site, or a `CodegenError` naming the place when it cannot be used. */
export function checkedType(kind: string, side: Side, site: Site, context: RenderContext): TypeNode {
  const known = staticSide(site, side, context);
  if (context.collected !== undefined) return keyword("unknown");
  if (known === undefined) {
    const why =
      context.staticTypes === undefined
        ? "this needs the contract's TypeScript source (the CLI reads it; programmatic callers pass `staticTypes`)"
        : "the TypeScript checker could not follow the contract's types to it (is the schema annotated with a wide type such as z.ZodType?)";
    throw new CodegenError(
      "UNRENDERABLE",
      `${site.place}: the ${side} type of a ${kind} schema is known only from its TypeScript type, and ${why}`,
    );
  }
  if (kind === "custom" && (known.text === "unknown" || known.text === "any")) {
    throw new CodegenError(
      "UNRENDERABLE",
      `${site.place}: this z.custom schema has no type argument, so its type is ${known.text}; name the type it accepts (z.custom<T>(check))`,
    );
  }
  if (known.text === "any") {
    throw new CodegenError(
      "UNRENDERABLE",
      `${site.place}: the ${side} type of this ${kind} schema is any, which generated code will not pass on; give the ${kind} an explicit type`,
    );
  }
  if (known.unnameable !== undefined) {
    throw new CodegenError(
      "UNRENDERABLE",
      `${site.place}: the ${side} type of this ${kind} schema refers to \`${known.unnameable}\`, which generated code cannot name; export it from the contract module, or give the ${kind} a type built from standard types`,
    );
  }
  return known.contractTypes === undefined || known.contractTypes.length === 0
    ? { kind: "checked", text: known.text }
    : { kind: "checked", text: known.text, contractTypes: known.contractTypes };
}

/** The brands on a schema: from the syntax-only read when it could tie them to the schema, else from the checker. */
export function brandsOf(schema: ZodLike, side: Side, site: Site, context: RenderContext): readonly string[] {
  const staticTypes = context.staticTypes;
  if (staticTypes === undefined) return [];
  const read =
    staticTypes.brandsOf === undefined || staticTypes.brandsEverywhere === true
      ? "checker"
      : staticTypes.brandsOf(schema);
  if (read === "checker") return staticSide(site, side, context)?.brands ?? [];
  return (read ?? [])
    .filter((brand) => brand.direction === "inout" || (brand.direction === "in") === (side === "input"))
    .map((brand) => brand.text);
}

/** Whether rendering this schema asks the checker anything (the model then collects its path first). */
export function needsChecker(schema: ZodLike, staticTypes: StaticTypes): boolean {
  // binary() is built from a custom schema and a transform, and the renderer knows its types.
  if (binaryOptionsOf(schema) !== undefined) return false;
  const type = defOf(schema).type;
  if (type === "transform" || type === "custom" || type === "template_literal") return true;
  return (
    staticTypes.brandsOf === undefined ||
    staticTypes.brandsEverywhere === true ||
    staticTypes.brandsOf(schema) === "checker"
  );
}

function staticSide(site: Site, side: Side, context: RenderContext): StaticSide | undefined {
  if (context.collected !== undefined) {
    if (side === "output") context.collected.push(site.path);
    return undefined;
  }
  return context.staticTypes?.side(site.path, side);
}
