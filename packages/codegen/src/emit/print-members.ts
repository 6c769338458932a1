import CodeBlockWriter from "code-block-writer";
import type { WriterFunction } from "ts-morph";

// The parts of ts-morph's structure printers (ts-morph 27, pinned in package.json) that generated
// files use: the same CodeBlockWriter calls in the same order, so the text is byte for byte what
// ts-morph prints, without loading ts-morph and the TypeScript compiler (a third of a second).
// Anything else throws `Unsupported`, and the statement is printed by ts-morph itself.

/** What these printers do not print: the statement goes to ts-morph's own printer instead. */
export class Unsupported extends Error {}

/** A structure as the printers read it: the fields of ts-morph's `...Structure` interfaces, read one by one. */
export type Fields = Record<string, any>;
type Text = string | WriterFunction | undefined;

const OPTIONS = { newLine: "\n", indentNumberOfSpaces: 2, useTabs: false, useSingleQuote: false } as const;

/** A writer set up as the generator's ts-morph project set up its own. */
export function newWriter(): CodeBlockWriter {
  return new CodeBlockWriter(OPTIONS);
}

/** Refuses a structure that sets a field not in `fields` (an empty list counts as unset). */
export function only(structure: Fields, fields: readonly string[]): void {
  for (const [key, value] of Object.entries(structure)) {
    if (
      value === undefined ||
      value === false ||
      (Array.isArray(value) && value.length === 0) ||
      key === "kind" ||
      fields.includes(key)
    )
      continue;
    throw new Unsupported(key);
  }
}

export function textOf(text: Text): string {
  const writer = newWriter();
  write(writer, text);
  return writer.toString();
}

export function write(writer: CodeBlockWriter, text: Text): void {
  if (typeof text === "string") writer.write(text);
  else if (text != null) text(writer);
}

/** NodePrinter.printText: no trivia here. */
export function node(writer: CodeBlockWriter, structure: Fields, print: () => void): void {
  if (structure.leadingTrivia != null || structure.trailingTrivia != null) throw new Unsupported("trivia");
  writer.closeComment();
  print();
}

export function docs(
  writer: CodeBlockWriter,
  entries: readonly (string | WriterFunction | Fields)[] | undefined,
): void {
  for (const doc of entries ?? []) {
    node(writer, typeof doc === "object" ? doc : {}, () => writeDoc(writer, doc));
    writer.newLine();
  }
}

function writeDoc(writer: CodeBlockWriter, doc: string | WriterFunction | Fields): void {
  let text: string;
  if (typeof doc === "object") {
    only(doc, ["description"]);
    text = textOf(doc.description as Text);
  } else text = textOf(doc);
  if (text === "") throw new Unsupported("empty doc");
  const lines = text.split(/\r?\n/);
  const startIndex = lines[0]!.length === 0 ? 1 : 0;
  writer.write("/**");
  if (lines.length <= 1) writer.space().write(lines[startIndex]!);
  else {
    writer.newLine();
    for (let index = startIndex; index < lines.length; index++) {
      writer.write(" *");
      if (lines[index]!.length > 0) writer.write(` ${lines[index]}`);
      writer.newLine();
    }
  }
  writer.spaceIfLastNot();
  writer.write("*/");
}

export function modifiers(writer: CodeBlockWriter, structure: Fields): void {
  if (structure.isDefaultExport) writer.write("export default ");
  else if (structure.isExported) writer.write("export ");
  if (structure.hasDeclareKeyword) writer.write("declare ");
  if (structure.scope != null) writer.write(`${structure.scope} `);
  if (structure.isStatic) writer.write("static ");
  if (structure.hasOverrideKeyword) writer.write("override ");
  if (structure.isAbstract) writer.write("abstract ");
  if (structure.isAsync) writer.write("async ");
  if (structure.isReadonly) writer.write("readonly ");
  if (structure.hasAccessorKeyword) writer.write("accessor ");
}

/** `: type` (TypedNodeStructurePrinter), with `separator` in place of the colon. */
export function typed(writer: CodeBlockWriter, type: Text, separator = ":", always = false): void {
  if (type == null && !always) return;
  const text = textOf(type ?? "any");
  if (text.trim() !== "") writer.hangingIndent(() => writer.write(`${separator} ${text}`));
}

export function returnTyped(writer: CodeBlockWriter, returnType: Text): void {
  if (returnType == null) return;
  const text = textOf(returnType);
  if (text.trim() !== "") writer.hangingIndent(() => writer.write(`: ${text}`));
}

export function initializer(writer: CodeBlockWriter, value: Text): void {
  if (value == null) return;
  const text = textOf(value);
  if (text.trim() === "") return;
  writer.hangingIndent(() => {
    writer.spaceIfLastNot();
    writer.write(`= ${text}`);
  });
}

/**
 * A comma-separated list (parameters, type parameters, specifiers). ts-morph writes the items with
 * a space between, then inserts each comma after its item's last token; for items that end in a
 * token (no trailing space or comment), that is a comma written right after the item.
 */
export function commaSeparated<T>(writer: CodeBlockWriter, items: readonly T[], print: (item: T) => void): void {
  items.forEach((item, index) => {
    if (index > 0) writer.spaceIfLastNot();
    const start = writer.getLength();
    print(item);
    const last = writer.getLength() === start ? undefined : writer.getLastChar();
    if (last === undefined || /\s/.test(last) || last === "," || last === "/")
      throw new Unsupported("list item ending");
    if (index < items.length - 1) writer.write(",");
  });
}

export function typeParameters(writer: CodeBlockWriter, list: readonly (string | Fields)[] | undefined): void {
  if (list == null || list.length === 0) return;
  writer.write("<");
  commaSeparated(writer, list, (parameter) => {
    if (typeof parameter === "string") {
      writer.write(parameter);
      return;
    }
    only(parameter, ["name", "constraint", "default", "isConst"]);
    node(writer, parameter, () =>
      writer.hangingIndent(() => {
        if (parameter.isConst) writer.write("const ");
        writer.write(parameter.name as string);
        if (parameter.constraint != null && textOf(parameter.constraint as Text).trim() !== "")
          writer.write(` extends ${textOf(parameter.constraint as Text)}`);
        if (parameter.default != null && textOf(parameter.default as Text).trim() !== "")
          writer.write(` = ${textOf(parameter.default as Text)}`);
      }),
    );
  });
  writer.write(">");
}

export function parameters(writer: CodeBlockWriter, list: readonly Fields[] | undefined): void {
  writer.write("(");
  if (list != null && list.length > 0) {
    writer.hangingIndent(() =>
      commaSeparated(writer, list, (parameter) => {
        only(parameter, [
          "name",
          "type",
          "initializer",
          "hasQuestionToken",
          "isRestParameter",
          "isReadonly",
          "scope",
          "hasOverrideKeyword",
        ]);
        node(writer, parameter, () => {
          modifiers(writer, parameter);
          writer.conditionalWrite(parameter.isRestParameter as boolean, "...");
          writer.write(parameter.name as string);
          writer.conditionalWrite(parameter.hasQuestionToken as boolean, "?");
          typed(writer, parameter.type as Text, ":", parameter.hasQuestionToken as boolean);
          initializer(writer, parameter.initializer as Text);
        });
      }),
    );
  }
  writer.write(")");
}

/** A body's statements (StatementStructurePrinter.printTexts), text and writer functions only. */
export function body(writer: CodeBlockWriter, statements: unknown): void {
  if (statements == null) return;
  if (typeof statements === "string" || typeof statements === "function") {
    write(writer, statements as Text);
    return;
  }
  for (const statement of statements as unknown[]) {
    if (typeof statement !== "string" && typeof statement !== "function") throw new Unsupported("statement structure");
    if (lastNonSpaceIsCloseBrace(writer)) writer.blankLineIfLastNot();
    else if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLineIfLastNot();
    write(writer, statement as Text);
  }
}

function lastNonSpaceIsCloseBrace(writer: CodeBlockWriter): boolean {
  return (
    writer.iterateLastCharCodes((code) =>
      code === 125 ? true : /\s/.test(String.fromCharCode(code)) ? undefined : false,
    ) ?? false
  );
}
