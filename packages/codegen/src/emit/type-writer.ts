import type { CodeBlockWriter, WriterFunction } from "ts-morph";
import type { PropertyNode, TypeNode } from "../model/type-node.js";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A ts-morph writer that prints a model type. Object types are written member by member with the
 * writer's indentation, so nested types come out formatted without a formatter pass.
 *
 * @example
 * sourceFile.addTypeAlias({ name: "Ping", type: typeWriter({ kind: "literal", value: "pong" }) });
 */
export function typeWriter(node: TypeNode): WriterFunction {
  return (writer) => writeType(writer, node);
}

/** A property key as TypeScript accepts it: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function writeType(writer: CodeBlockWriter, node: TypeNode): void {
  switch (node.kind) {
    case "keyword":
      writer.write(node.name);
      return;
    case "literal":
      writer.write(
        node.bigint === true
          ? `${node.value}n`
          : typeof node.value === "string"
            ? JSON.stringify(node.value)
            : String(node.value),
      );
      return;
    case "checked":
      writer.write(node.text);
      return;
    case "reference":
      writer.write(node.name);
      if (node.args !== undefined && node.args.length > 0) {
        writer.write("<");
        node.args.forEach((arg, index) => {
          if (index > 0) writer.write(", ");
          writeType(writer, arg);
        });
        writer.write(">");
      }
      return;
    case "array":
      if (node.readonly) writer.write("readonly ");
      writeOperand(writer, node.element, "array");
      writer.write("[]");
      return;
    case "tuple":
      if (node.readonly) writer.write("readonly ");
      writer.write("[");
      node.elements.forEach((element, index) => {
        if (index > 0) writer.write(", ");
        if (element.optional) {
          writeOperand(writer, element.type, "array");
          writer.write("?");
        } else writeType(writer, element.type);
      });
      if (node.rest !== undefined) {
        if (node.elements.length > 0) writer.write(", ");
        writer.write("...");
        writeOperand(writer, node.rest, "array");
        writer.write("[]");
      }
      writer.write("]");
      return;
    case "union":
      node.members.forEach((member, index) => {
        if (index > 0) writer.write(" | ");
        writeOperand(writer, member, "union");
      });
      return;
    case "intersection":
      node.members.forEach((member, index) => {
        if (index > 0) writer.write(" & ");
        writeOperand(writer, member, "intersection");
      });
      return;
    case "object":
      writeObject(writer, node.properties, node.index);
      return;
  }
}

/** Writes a type where an operator binds tighter than some of its members, adding parentheses only where needed. */
function writeOperand(writer: CodeBlockWriter, node: TypeNode, context: "array" | "union" | "intersection"): void {
  const needsParens =
    node.kind === "union"
      ? context !== "union"
      : node.kind === "intersection"
        ? context === "array"
        : node.kind === "checked"
          ? !IDENTIFIER.test(node.text) && !/^[\w$.]+<[^|&()]*>$/.test(node.text)
          : (node.kind === "array" || node.kind === "tuple") && node.readonly && context === "array";
  if (needsParens) writer.write("(");
  writeType(writer, node);
  if (needsParens) writer.write(")");
}

function writeObject(writer: CodeBlockWriter, properties: readonly PropertyNode[], index: TypeNode | undefined): void {
  if (properties.length === 0 && index === undefined) {
    writer.write("{}");
    return;
  }
  writer.write("{").newLine();
  writer.indent(() => {
    for (const property of properties) writeProperty(writer, property);
    if (index !== undefined) {
      writer.write("[key: string]: ");
      writeType(writer, index);
      writer.write(";").newLine();
    }
  });
  writer.write("}");
}

function writeProperty(writer: CodeBlockWriter, property: PropertyNode): void {
  if (property.description !== undefined) writeDocs(writer, property.description);
  if (property.readonly) writer.write("readonly ");
  writer.write(propertyKey(property.name));
  if (property.optional) writer.write("?");
  writer.write(": ");
  writeType(writer, property.type);
  writer.write(";").newLine();
}

/** A JSDoc block, safe for any description text (a `*` followed by `/` cannot end it early). */
export function writeDocs(writer: CodeBlockWriter, text: string): void {
  const lines = docLines(text);
  if (lines.length === 1) {
    writer.writeLine(`/** ${lines[0]} */`);
    return;
  }
  writer.writeLine("/**");
  for (const line of lines) writer.writeLine(line === "" ? " *" : ` * ${line}`);
  writer.writeLine(" */");
}

/** Description text for a ts-morph `docs` entry, with anything that would end the comment early escaped. */
export function docText(text: string): string {
  return docLines(text).join("\n");
}

export function docLines(text: string): string[] {
  return text
    .replace(/\*\//g, "*\\/")
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
}

/** Collects the names a type refers to that must be imported, by module. */
export function importsOf(nodes: readonly TypeNode[], into: Map<string, Set<string>>): void {
  const visit = (node: TypeNode): void => {
    switch (node.kind) {
      case "reference":
        if (node.from !== undefined) {
          const names = into.get(node.from) ?? new Set<string>();
          names.add(node.name);
          into.set(node.from, names);
        }
        node.args?.forEach(visit);
        return;
      case "object":
        node.properties.forEach((property) => visit(property.type));
        if (node.index !== undefined) visit(node.index);
        return;
      case "array":
        visit(node.element);
        return;
      case "tuple":
        node.elements.forEach((element) => visit(element.type));
        if (node.rest !== undefined) visit(node.rest);
        return;
      case "union":
      case "intersection":
        node.members.forEach(visit);
        return;
      case "checked":
        if (node.contractTypes !== undefined && node.contractTypes.length > 0) {
          const names = into.get(CONTRACT_MODULE) ?? new Set<string>();
          for (const name of node.contractTypes) names.add(name);
          into.set(CONTRACT_MODULE, names);
        }
        return;
      default:
        return;
    }
  };
  nodes.forEach(visit);
}

/** Where `importsOf` files the contract module's own types; the emitter turns it into a relative specifier. */
export const CONTRACT_MODULE = "<contract>";
