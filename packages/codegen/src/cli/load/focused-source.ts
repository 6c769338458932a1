import type { ts } from "ts-morph";
import { tsMorph } from "./ts-morph.js";

const PACKAGE = "@socket-contract/contract";
/** What a definition member the checker is not asked about becomes: a value of type `never`, nothing to infer. */
const LEFT_OUT = "{} as never";

/** Definition steps (`["namespaces", "/chat", "clientToServer", "message:send", "args", 0]`) the checker is asked about. */
export type DefinitionSteps = readonly (string | number)[];

/**
 * The contract module's text for the checker, with every member of the `defineContract({...})`
 * literal that no asked path goes through written as `{} as never`. The checker then infers the
 * few events it is asked about, not all of them (a 1,000-event contract with 20 transforms took
 * seconds of inference); a schema's type depends on its own expression only, so the answers are
 * the same. Where the definition is not a plain literal at some level (a spread, a variable, a
 * computed key), that level is kept whole.
 *
 * @example
 * focusedSource(readLocalSources(path)[0].file, "contract", [["namespaces", "/chat", "clientToServer", "send", "args", 0]]);
 */
export function focusedSource(source: ts.SourceFile, exportName: string, paths: readonly DefinitionSteps[]): string {
  const { ts } = tsMorph();
  const text = source.text;
  const literal = definitionLiteral(ts, source, exportName);
  if (literal === undefined) return text;
  const leftOut: ts.Expression[] = [];
  const prune = (node: ts.Expression, below: readonly DefinitionSteps[]): void => {
    if (below.some((steps) => steps.length === 0) || !ts.isObjectLiteralExpression(node)) return;
    const members = node.properties.map((property) =>
      ts.isPropertyAssignment(property) ? { property, key: keyOf(ts, property.name) } : undefined,
    );
    if (members.some((member) => member?.key === undefined)) return;
    for (const member of members) {
      const rest = below.filter((steps) => String(steps[0]) === member!.key).map((steps) => steps.slice(1));
      if (rest.length === 0) leftOut.push(member!.property.initializer);
      else prune(member!.property.initializer, rest);
    }
  };
  prune(literal, paths);
  const parts: string[] = [];
  let at = 0;
  for (const node of leftOut) {
    const start = node.getStart(source);
    parts.push(text.slice(at, start), LEFT_OUT);
    at = node.getEnd();
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** The object literal passed to `defineContract` (imported by name from the contract package) in the declaration of the export. */
function definitionLiteral(
  ts: typeof import("ts-morph").ts,
  source: ts.SourceFile,
  exportName: string,
): ts.ObjectLiteralExpression | undefined {
  const callees = new Set<string>();
  let local = exportName;
  let value: ts.Expression | undefined;
  for (const statement of source.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text === PACKAGE
    ) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements)
          if ((element.propertyName ?? element.name).text === "defineContract") callees.add(element.name.text);
      }
    }
    if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier === undefined &&
      statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements)
        if (element.name.text === exportName) local = (element.propertyName ?? element.name).text;
    }
    if (ts.isExportAssignment(statement) && exportName === "default") {
      if (ts.isIdentifier(statement.expression)) local = statement.expression.text;
      else value = statement.expression;
    }
  }
  for (const statement of source.statements) {
    if (value !== undefined || !ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find(
      (candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === local,
    );
    value = declaration?.initializer;
  }
  if (
    value === undefined ||
    !ts.isCallExpression(value) ||
    !ts.isIdentifier(value.expression) ||
    !callees.has(value.expression.text)
  )
    return undefined;
  const [argument] = value.arguments;
  return argument !== undefined && ts.isObjectLiteralExpression(argument) ? argument : undefined;
}

function keyOf(ts: typeof import("ts-morph").ts, name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  // A number is the key it reads as only in its plain form (`1`, not `1.0` or `0x1`).
  return ts.isNumericLiteral(name) && String(Number(name.text)) === name.text ? name.text : undefined;
}
