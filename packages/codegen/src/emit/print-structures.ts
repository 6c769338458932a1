import type CodeBlockWriter from "code-block-writer";
import type { WriterFunction } from "ts-morph";
import { tsMorph } from "../cli/load/ts-morph.js";
import { printClass } from "./print-class.js";
import {
  type Fields,
  Unsupported,
  body,
  commaSeparated,
  docs,
  initializer,
  modifiers,
  newWriter,
  node,
  only,
  parameters,
  returnTyped,
  textOf,
  typeParameters,
  typed,
  write,
} from "./print-members.js";

/** The top-level structures generated files are made of, tagged with their ts-morph `StructureKind` name. */
export type StructureTag =
  | "ImportDeclaration"
  | "ExportDeclaration"
  | "VariableStatement"
  | "TypeAlias"
  | "Interface"
  | "Class"
  | "Function";

/** A top-level statement: a tagged ts-morph structure, a line of text, or a writer function. */
export type Statement = (Fields & { readonly tag: StructureTag }) | string | WriterFunction;

const PRINTERS: Record<StructureTag, (writer: CodeBlockWriter, structure: Fields) => void> = {
  ImportDeclaration: printImport,
  ExportDeclaration: printExport,
  VariableStatement: printVariableStatement,
  TypeAlias: printTypeAlias,
  Interface: printInterface,
  Class: printClass,
  Function: printFunction,
};

/**
 * One statement's text, as ts-morph's structure printer writes it (then trimmed). The common
 * shapes are printed here; any other is handed to ts-morph, loaded then.
 *
 * @example
 * printStatement({ tag: "ImportDeclaration", moduleSpecifier: "zod", namedImports: ["z"] }); // 'import { z } from "zod";'
 */
export function printStatement(statement: Statement): string {
  const writer = newWriter();
  try {
    if (typeof statement === "object") {
      const { tag, ...structure } = statement;
      node(writer, structure, () => PRINTERS[tag](writer, structure));
    } else write(writer, statement);
    return writer.toString().trim();
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return tsMorphPrinter()(statement);
  }
}

function printImport(writer: CodeBlockWriter, structure: Fields): void {
  only(structure, ["isTypeOnly", "defaultImport", "namespaceImport", "namedImports", "moduleSpecifier"]);
  const named = (structure.namedImports as unknown[] | undefined)?.length ?? 0;
  writer.write("import");
  if (structure.isTypeOnly) writer.write(" type");
  if (structure.defaultImport != null) {
    writer.write(` ${structure.defaultImport}`);
    writer.conditionalWrite(named > 0 || structure.namespaceImport != null, ",");
  }
  if (structure.namespaceImport != null) writer.write(` * as ${structure.namespaceImport}`);
  if (named > 0) {
    writer.space();
    specifiers(writer, structure.namedImports as (string | Fields)[]);
  }
  writer.conditionalWrite(structure.defaultImport != null || named > 0 || structure.namespaceImport != null, " from");
  writer.write(" ");
  writer.quote(structure.moduleSpecifier as string);
  writer.write(";");
}

function printExport(writer: CodeBlockWriter, structure: Fields): void {
  only(structure, ["isTypeOnly", "namedExports", "namespaceExport", "moduleSpecifier"]);
  const specifier = structure.moduleSpecifier as string | undefined;
  if (specifier == null || specifier.length === 0) throw new Unsupported("export without a module");
  writer.write("export");
  if (structure.isTypeOnly) writer.write(" type");
  if (((structure.namedExports as unknown[] | undefined)?.length ?? 0) > 0) {
    if (structure.namespaceExport != null) throw new Unsupported("namespace and named export");
    writer.space();
    specifiers(writer, structure.namedExports as (string | Fields)[]);
  } else if (structure.namespaceExport != null) {
    writer.write(" *");
    if ((structure.namespaceExport as string).trim() !== "") writer.write(` as ${structure.namespaceExport}`);
  } else writer.write(" *");
  writer.write(" from ");
  writer.quote(specifier);
  writer.write(";");
}

/** `{ a, type B, c as d }`, spaces inside the braces as TypeScript's formatter sets them. */
function specifiers(writer: CodeBlockWriter, list: readonly (string | Fields)[]): void {
  writer.write("{");
  const inner = newWriter();
  commaSeparated(inner, list, (specifier) => {
    if (typeof specifier !== "string") only(specifier, ["name", "alias", "isTypeOnly"]);
    node(inner, typeof specifier === "string" ? {} : specifier, () => {
      if (typeof specifier === "string") {
        inner.write(specifier);
        return;
      }
      if (specifier.isTypeOnly) inner.write("type ");
      inner.write(specifier.name as string);
      if (typeof specifier.alias === "string" && specifier.alias.trim() !== "") inner.write(` as ${specifier.alias}`);
    });
  });
  const text = inner.toString();
  if (!text.startsWith("\n")) writer.space();
  writer.write(text);
  if (!text.endsWith("\n")) writer.space();
  writer.write("}");
}

function printVariableStatement(writer: CodeBlockWriter, structure: Fields): void {
  only(structure, ["docs", "isExported", "isDefaultExport", "declarationKind", "declarations"]);
  docs(writer, structure.docs);
  writer.hangingIndent(() => {
    modifiers(writer, structure);
    writer.write(`${(structure.declarationKind as string | undefined) || "let"} `);
    const declarations = structure.declarations as Fields[];
    if (declarations.length === 0) throw new Unsupported("no declarations");
    commaSeparated(writer, declarations, (declaration) => {
      only(declaration, ["name", "hasExclamationToken", "type", "initializer"]);
      node(writer, declaration, () => {
        writer.write(declaration.name as string);
        writer.conditionalWrite(declaration.hasExclamationToken as boolean, "!");
        typed(writer, declaration.type);
        initializer(writer, declaration.initializer);
      });
    });
    writer.write(";");
  });
}

function printTypeAlias(writer: CodeBlockWriter, structure: Fields): void {
  only(structure, ["docs", "isExported", "isDefaultExport", "name", "typeParameters", "type"]);
  docs(writer, structure.docs);
  modifiers(writer, structure);
  writer.write(`type ${structure.name}`);
  typeParameters(writer, structure.typeParameters);
  typed(writer, structure.type, " =");
  writer.write(";");
}

function printInterface(writer: CodeBlockWriter, structure: Fields): void {
  only(structure, ["docs", "isExported", "isDefaultExport", "name", "typeParameters", "extends", "properties"]);
  docs(writer, structure.docs);
  modifiers(writer, structure);
  writer.write(`interface ${structure.name}`);
  typeParameters(writer, structure.typeParameters);
  writer.space();
  if (structure.extends != null) {
    const text = Array.isArray(structure.extends)
      ? structure.extends.map((entry: string | WriterFunction) => textOf(entry)).join(", ")
      : textOf(structure.extends);
    if (text.trim() !== "") writer.hangingIndent(() => writer.write(`extends ${text} `));
  }
  writer.inlineBlock(() => {
    const properties = (structure.properties as Fields[] | undefined) ?? [];
    if (properties.length > 0 && !writer.isAtStartOfFirstLineOfBlock()) writer.newLine();
    properties.forEach((property, index) => {
      only(property, ["docs", "isReadonly", "name", "hasQuestionToken", "type", "initializer"]);
      writer.conditionalNewLine(index > 0);
      node(writer, property, () => {
        docs(writer, property.docs);
        modifiers(writer, property);
        writer.write(property.name as string);
        writer.conditionalWrite(property.hasQuestionToken as boolean, "?");
        typed(writer, property.type);
        initializer(writer, property.initializer);
        writer.write(";");
      });
    });
  });
}

function printFunction(writer: CodeBlockWriter, structure: Fields): void {
  only(structure, [
    "docs",
    "isExported",
    "isDefaultExport",
    "isAsync",
    "isGenerator",
    "name",
    "typeParameters",
    "parameters",
    "returnType",
    "statements",
  ]);
  docs(writer, structure.docs);
  modifiers(writer, structure);
  writer.write("function");
  writer.conditionalWrite(structure.isGenerator as boolean, "*");
  if (typeof structure.name === "string" && structure.name.trim() !== "") writer.write(` ${structure.name}`);
  typeParameters(writer, structure.typeParameters);
  parameters(writer, structure.parameters);
  returnTyped(writer, structure.returnType);
  writer.space().inlineBlock(() => body(writer, structure.statements));
}

let fallback: ((statement: Statement) => string) | undefined;

/**
 * ts-morph's own printer, for a statement the printers above do not print. Reached through the
 * project's context, an internal of ts-morph (its version is pinned exactly in package.json).
 */
function tsMorphPrinter(): (statement: Statement) => string {
  if (fallback !== undefined) return fallback;
  const { IndentationText, NewLineKind, Project, QuoteKind, StructureKind } = tsMorph();
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Double,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
  const context = (project as unknown as { _context: PrintingContext })._context;
  const printer = context.structurePrinterFactory.forStatement({ isAmbient: false });
  fallback = (statement) => {
    const writer = context.createWriter();
    if (typeof statement === "object") {
      const { tag, ...structure } = statement;
      printer.printText(writer, { ...structure, kind: StructureKind[tag] });
    } else printer.printText(writer, statement);
    return writer.toString().trim();
  };
  return fallback;
}

/** The parts of ts-morph's project context used to print structures without creating (and parsing) a source file. */
interface PrintingContext {
  createWriter(): CodeBlockWriter;
  readonly structurePrinterFactory: {
    forStatement(options: { isAmbient: boolean }): { printText(writer: CodeBlockWriter, statement: unknown): void };
  };
}
