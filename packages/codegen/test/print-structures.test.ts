import { type CodeBlockWriter, IndentationText, NewLineKind, Project, QuoteKind, StructureKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { type Statement, printStatement } from "../src/emit/print-structures.js";

/** What ts-morph prints for the same structure, in a source file of its own, with the generator's settings. */
function tsMorphText(statement: Statement): string {
  const manipulationSettings = {
    indentationText: IndentationText.TwoSpaces,
    quoteKind: QuoteKind.Double,
    newLineKind: NewLineKind.LineFeed,
    useTrailingCommas: true,
  };
  const project = new Project({ useInMemoryFileSystem: true, manipulationSettings });
  const structure =
    typeof statement === "object" ? { ...statement, tag: undefined, kind: StructureKind[statement.tag] } : statement;
  return project
    .createSourceFile("file.ts", { statements: [structure as never] })
    .getFullText()
    .trim();
}

const cases: Record<string, Statement> = {
  "an import with type-only and plain names": {
    tag: "ImportDeclaration",
    moduleSpecifier: "x",
    namedImports: [{ name: "A", isTypeOnly: true }, "b", { name: "c", alias: "d" }],
  },
  "a type-only default import": {
    tag: "ImportDeclaration",
    isTypeOnly: true,
    moduleSpecifier: "../contract.js",
    defaultImport: "contract",
  },
  "a namespace re-export": { tag: "ExportDeclaration", moduleSpecifier: "./chat/index.js", namespaceExport: "chat" },
  "a type-only named re-export": {
    tag: "ExportDeclaration",
    isTypeOnly: true,
    moduleSpecifier: "./a.js",
    namedExports: ["A", "B"],
  },
  "a documented constant": {
    tag: "VariableStatement",
    isExported: true,
    declarationKind: "const",
    docs: ["One line."],
    declarations: [{ name: "a", initializer: '"x"' }],
  },
  "a generic alias": {
    tag: "TypeAlias",
    name: "Box",
    isExported: true,
    typeParameters: [{ name: "T", constraint: "object" }],
    type: "{ value: T }",
  },
  "an empty interface": { tag: "Interface", name: "Handlers", isExported: true, docs: ["Two\n\nparagraphs."] },
  "a function with a body written by a writer": {
    tag: "Function",
    name: "implement",
    isExported: true,
    typeParameters: [{ name: "T", constraint: "Handlers" }],
    parameters: [
      { name: "server", type: "Server" },
      { name: "options", type: "Options", hasQuestionToken: true },
    ],
    returnType: "void",
    statements: (writer: CodeBlockWriter) =>
      writer
        .write("if (a) ")
        .inlineBlock(() => writer.write("b();"))
        .newLine()
        .write("return;"),
  },
  "a class with properties, a constructor, a getter and methods": {
    tag: "Class",
    name: "Client",
    isExported: true,
    docs: ["A client.\n\n@example\nnew Client();"],
    properties: [
      { name: "bound", isReadonly: true, type: "Bound", docs: ["The binding."] },
      { name: "#emitter", isReadonly: true, type: "Emitter" },
    ],
    ctors: [
      {
        docs: ["@internal"],
        parameters: [
          { name: "bound", type: "Bound" },
          { name: "emitter", type: "Emitter", initializer: "bound" },
        ],
        statements: ["this.bound = bound;", "this.#emitter = emitter;"],
      },
    ],
    getAccessors: [{ name: "socket", returnType: "Socket", statements: ["return this.bound.socket;"] }],
    methods: [
      {
        name: "timeout",
        parameters: [{ name: "ms", type: "number" }],
        returnType: "Client",
        statements: ["return this;"],
      },
      {
        name: "stream",
        isAsync: true,
        isGenerator: true,
        returnType: "AsyncGenerator<number>",
        statements: ["yield 1;"],
      },
    ],
  },
  // Shapes the printer leaves to ts-morph itself: a setter, an interface method.
  "a class with a setter": {
    tag: "Class",
    name: "A",
    setAccessors: [{ name: "value", parameters: [{ name: "v", type: "number" }], statements: [] }],
  },
  "an interface with a method": { tag: "Interface", name: "A", methods: [{ name: "run", returnType: "void" }] },
};

describe("the structure printer", () => {
  for (const [name, statement] of Object.entries(cases)) {
    it(`prints ${name} as ts-morph does`, () => {
      expect(printStatement(statement)).toBe(tsMorphText(statement));
    });
  }
});
