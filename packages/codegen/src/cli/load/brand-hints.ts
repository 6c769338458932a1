import type { ts } from "ts-morph";
import type { StaticBrand } from "../../model/static-types.js";
import type { ParsedSource } from "./source-files.js";
import { tsMorph } from "./ts-morph.js";

/** What a syntax-only read of the contract's source says about brands, which exist in types only. */
export interface BrandHints {
  /** Brands by the running schema they sit on, or `"checker"` when the type arguments need the checker to read. */
  readonly bySchema: ReadonlyMap<object, readonly StaticBrand[] | "checker">;
  /** A `.brand()` the read could not tie to a schema value (an inline one, or one the contract module does not export). */
  readonly untied: boolean;
}

/**
 * Finds every `.brand<...>()` call in the contract's own files. A brand on an exported constant
 * (`export const UserId = z.string().brand<"UserId">()`) is tied to the running schema through
 * the module's exports, so no checker is needed for it; any other brand makes the checker read
 * the brands of every schema (slower, and still exact). When no file says `brand`, none is parsed.
 *
 * @example
 * const hints = readBrandHints(readLocalSources(path), module);
 */
export function readBrandHints(
  sources: readonly ParsedSource[],
  exports: Readonly<Record<string, unknown>>,
): BrandHints {
  const bySchema = new Map<object, StaticBrand[] | "checker">();
  if (!sources.some((source) => /\bbrand\b/.test(source.text))) return { bySchema, untied: false };
  const { ts } = tsMorph();
  let untied = false;
  const declaredIn = new Map<string, number>();
  const calls: { call: ts.CallExpression; name: string | undefined }[] = [];
  for (const { file } of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name))
        declaredIn.set(node.name.text, (declaredIn.get(node.name.text) ?? 0) + 1);
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === "brand"
      ) {
        const parent = node.parent;
        const name =
          ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)
            ? parent.name.text
            : undefined;
        calls.push({ call: node, name });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  for (const { call, name } of calls) {
    const brand = brandOf(call);
    if (brand === undefined) continue;
    const schema = name === undefined || declaredIn.get(name) !== 1 ? undefined : exports[name];
    if (typeof schema !== "object" || schema === null) {
      untied = true;
      continue;
    }
    const known = bySchema.get(schema);
    if (brand === "checker" || known === "checker") bySchema.set(schema, "checker");
    else bySchema.set(schema, [...(known ?? []), brand]);
  }
  return { bySchema, untied };
}

/** The brand a call puts on the type, `undefined` when it puts none (`.brand()` without a type), `"checker"` when only the checker can tell. */
function brandOf(call: ts.CallExpression): StaticBrand | "checker" | undefined {
  const { ts } = tsMorph();
  const [typeArgument, direction] = call.typeArguments ?? [];
  let text: string | undefined;
  if (typeArgument !== undefined) text = literalType(typeArgument);
  else {
    const value = call.arguments[0];
    // `.brand()` alone brands nothing (its type parameter stays PropertyKey); `.brand("UserId")` infers the literal.
    if (value === undefined) return undefined;
    text = ts.isStringLiteral(value) ? JSON.stringify(value.text) : ts.isNumericLiteral(value) ? value.text : undefined;
  }
  if (text === undefined) return "checker";
  if (direction === undefined) return { text, direction: "out" };
  const dir = literalType(direction);
  return dir === '"in"' || dir === '"out"' || dir === '"inout"'
    ? { text, direction: JSON.parse(dir) as StaticBrand["direction"] }
    : "checker";
}

/** The text of a string or number literal type, normalised to double quotes. */
function literalType(node: ts.TypeNode): string | undefined {
  const { ts } = tsMorph();
  if (!ts.isLiteralTypeNode(node)) return undefined;
  if (ts.isStringLiteral(node.literal)) return JSON.stringify(node.literal.text);
  if (ts.isNumericLiteral(node.literal)) return node.literal.text;
  return undefined;
}
