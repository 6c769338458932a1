import type CodeBlockWriter from "code-block-writer";
import type { WriterFunction } from "ts-morph";
import {
  type Fields,
  body,
  docs,
  initializer,
  modifiers,
  node,
  only,
  parameters,
  returnTyped,
  textOf,
  typeParameters,
  typed,
} from "./print-members.js";

/** A class declaration (ClassDeclarationStructurePrinter): properties, constructors, get accessors, methods. */
export function printClass(writer: CodeBlockWriter, structure: Fields): void {
  only(structure, [
    "docs",
    "isExported",
    "isDefaultExport",
    "isAbstract",
    "name",
    "typeParameters",
    "extends",
    "implements",
    "properties",
    "ctors",
    "getAccessors",
    "methods",
  ]);
  docs(writer, structure.docs);
  modifiers(writer, structure);
  writer.write("class");
  if (typeof structure.name === "string" && structure.name.trim() !== "") writer.space().write(structure.name);
  typeParameters(writer, structure.typeParameters);
  writer.space();
  writer.hangingIndent(() => {
    if (structure.extends != null && textOf(structure.extends).trim() !== "")
      writer.write(`extends ${textOf(structure.extends)} `);
    if (structure.implements != null) {
      const text = Array.isArray(structure.implements)
        ? structure.implements.map((entry: string | WriterFunction) => textOf(entry)).join(", ")
        : textOf(structure.implements);
      if (text.trim() !== "") writer.write(`implements ${text} `);
    }
  });
  const separate = (): void => {
    if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLine();
  };
  writer.inlineBlock(() => {
    ((structure.properties as Fields[] | undefined) ?? []).forEach((property, index) => {
      writer.conditionalNewLine(index > 0);
      printProperty(writer, property);
    });
    for (const ctor of (structure.ctors as Fields[] | undefined) ?? []) {
      separate();
      printMember(writer, ctor, "constructor");
    }
    for (const accessor of (structure.getAccessors as Fields[] | undefined) ?? []) {
      separate();
      printMember(writer, accessor, "get");
    }
    const methods = (structure.methods as Fields[] | undefined) ?? [];
    if (methods.length > 0) separate();
    methods.forEach((method, index) => {
      if (index > 0) writer.blankLine();
      printMember(writer, method, "method");
    });
  });
}

function printProperty(writer: CodeBlockWriter, property: Fields): void {
  only(property, [
    "docs",
    "name",
    "hasQuestionToken",
    "hasExclamationToken",
    "type",
    "initializer",
    "isReadonly",
    "isStatic",
    "scope",
    "hasOverrideKeyword",
    "hasAccessorKeyword",
  ]);
  node(writer, property, () => {
    docs(writer, property.docs);
    modifiers(writer, property);
    writer.write(property.name as string);
    writer.conditionalWrite(property.hasQuestionToken as boolean, "?");
    writer.conditionalWrite(property.hasExclamationToken && !property.hasQuestionToken, "!");
    typed(writer, property.type);
    initializer(writer, property.initializer);
    writer.write(";");
  });
}

const MEMBER_FIELDS = {
  constructor: ["docs", "scope", "typeParameters", "parameters", "statements"],
  get: [
    "docs",
    "name",
    "scope",
    "isStatic",
    "hasOverrideKeyword",
    "typeParameters",
    "parameters",
    "returnType",
    "statements",
  ],
  method: [
    "docs",
    "name",
    "scope",
    "isStatic",
    "isAsync",
    "isGenerator",
    "hasOverrideKeyword",
    "hasQuestionToken",
    "typeParameters",
    "parameters",
    "returnType",
    "statements",
  ],
} as const;

/** A constructor, a get accessor or a method of a class, with its body. */
function printMember(writer: CodeBlockWriter, member: Fields, kind: keyof typeof MEMBER_FIELDS): void {
  only(member, MEMBER_FIELDS[kind]);
  node(writer, member, () => {
    docs(writer, member.docs);
    modifiers(writer, member);
    if (kind === "constructor") writer.write("constructor");
    else if (kind === "get") writer.write(`get ${member.name}`);
    else {
      writer.conditionalWrite(member.isGenerator as boolean, "*");
      writer.write(member.name as string);
      writer.conditionalWrite(member.hasQuestionToken as boolean, "?");
    }
    typeParameters(writer, member.typeParameters);
    parameters(writer, member.parameters);
    if (kind === "constructor") writer.space();
    else {
      returnTyped(writer, member.returnType);
      writer.spaceIfLastNot();
    }
    writer.inlineBlock(() => body(writer, member.statements));
  });
}
