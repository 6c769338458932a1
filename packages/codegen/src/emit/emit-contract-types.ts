import type { CodeBlockWriter, WriterFunction } from "ts-morph";
import type { GeneratedSource } from "./generated-file.js";
import type { ContractModel, EventModel, NamespaceModel, TypePair } from "../model/contract-model.js";
import type { TypeNode } from "../model/type-node.js";
import { type ContractSource, contractSpecifier } from "./contract-import.js";
import { docText, propertyKey, typeWriter, writeDocs } from "./type-writer.js";

/** The root module that holds the contract's types and its value typed by them. */
export const CONTRACT_TYPES_FILE = "contract-types.ts";
/** The interface of the whole contract as types alone, and the name generated code types the runtimes by. */
export const CONTRACT_TYPES = "ContractTypes";

/**
 * `contract-types.ts`: `ContractTypes`, the contract as types alone (each schema a
 * `TypeOnlySchema` of the named types the namespaces declare), and `contract`, the contract's
 * value typed by it. The value is imported from the user's module with its type erased, so a
 * consumer's compiler never evaluates Zod's inference of the contract through generated code.
 *
 * @example
 * emitContractTypes(files.create("contract-types.ts"), model, source);
 */
export function emitContractTypes(file: GeneratedSource, model: ContractModel, source: ContractSource): void {
  const specifier = contractSpecifier(source, CONTRACT_TYPES_FILE);
  file.addImportDeclarations([
    { isTypeOnly: true, moduleSpecifier: "@socket-contract/contract", namedImports: ["Contract"] },
    source.exportName === "default"
      ? { moduleSpecifier: specifier, defaultImport: "source" }
      : { moduleSpecifier: specifier, namedImports: [{ name: source.exportName, alias: "source" }] },
    { isTypeOnly: true, moduleSpecifier: "./inter-server.js", namedImports: ["ServerToServerTypes"] },
    ...model.namespaces.map((namespace) => ({
      isTypeOnly: true,
      moduleSpecifier: `./${namespace.folder}/types.js`,
      namedImports: [typesName(namespace)],
    })),
  ]);
  file.addInterface({
    name: CONTRACT_TYPES,
    isExported: true,
    extends: ["Contract"],
    docs: [
      docText(
        `Contract \`${model.name}\` as types alone: the runtimes typed by it (\`BoundServer<${CONTRACT_TYPES}>\`, \`BoundClient<${CONTRACT_TYPES}, "${model.namespaces[0]?.path ?? "/"}">\`) read these named types and never evaluate a schema library's inference.`,
      ),
    ],
    properties: [
      {
        name: "namespaces",
        isReadonly: true,
        type: `{ ${model.namespaces.map((namespace) => `readonly ${JSON.stringify(namespace.path)}: ${typesName(namespace)}`).join("; ")} }`,
      },
      { name: "serverToServer", isReadonly: true, type: "ServerToServerTypes" },
    ],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: "const" as never,
    docs: [
      `The contract, typed by \`${CONTRACT_TYPES}\`: the same value as the contract module exports, with its inferred type erased.`,
    ],
    declarations: [{ name: "contract", initializer: `source as unknown as ${CONTRACT_TYPES}` }],
  });
}

/** The import of `contract-types.ts` from a generated file (`names` as ts-morph takes them). */
export function contractTypesImport(fromFile: string, names: (string | { name: string; isTypeOnly: boolean })[]) {
  const depth = fromFile.split("/").length - 1;
  const moduleSpecifier = `${depth === 0 ? "./" : "../".repeat(depth)}${CONTRACT_TYPES_FILE.replace(/\.ts$/, ".js")}`;
  const typeOnly = names.every((name) => typeof name === "object" && name.isTypeOnly);
  return typeOnly
    ? {
        isTypeOnly: true,
        moduleSpecifier,
        namedImports: names.map((name) => (typeof name === "string" ? name : name.name)),
      }
    : { moduleSpecifier, namedImports: names };
}

/** The name of a namespace's interface of types: `ChatTypes`. */
export function typesName(namespace: NamespaceModel): string {
  return `${namespace.pascal}Types`;
}

/**
 * A namespace's interface of types, `ChatTypes`: what `defineContract` was given for it, with
 * each schema a `TypeOnlySchema` of the generated type.
 */
export function namespaceTypes(namespace: NamespaceModel) {
  const properties: { name: string; isReadonly: true; type: string | WriterFunction }[] = [];
  const pair = (name: string, types: TypePair | undefined): void => {
    if (types !== undefined) properties.push({ name, isReadonly: true, type: (w) => schema(w, types) });
  };
  pair("params", namespace.pattern?.params);
  pair("auth", namespace.auth);
  const data = namespace.data;
  if (data !== undefined)
    properties.push({ name: "data", isReadonly: true, type: (w) => schema(w, { input: data, output: data }) });
  properties.push({ name: "clientToServer", isReadonly: true, type: "ClientToServerTypes" });
  properties.push({ name: "serverToClient", isReadonly: true, type: "ServerToClientTypes" });
  return {
    name: typesName(namespace),
    isExported: true as const,
    docs: [
      docText(
        `The \`${namespace.path}\` namespace as types alone, keyed as in the contract: \`${CONTRACT_TYPES}["namespaces"]["${namespace.path}"]\`.`,
      ),
    ],
    properties,
  };
}

/**
 * An event map as types alone (`ClientToServerTypes`): per event, its `args` (named as in
 * generated signatures, so hovers and `emit` show the names), `ack`, `stream` and `errors`.
 */
export function eventTypes(name: string, events: readonly EventModel[], doc: string) {
  return {
    name,
    isExported: true as const,
    docs: [docText(doc)],
    type: (writer: CodeBlockWriter) => {
      if (events.length === 0) {
        writer.write("{}");
        return;
      }
      writer.write("{").newLine();
      writer.indent(() => {
        for (const event of events) {
          if (event.description !== undefined) writeDocs(writer, event.description);
          writer.write(`readonly ${propertyKey(event.name)}: {`).newLine();
          writer.indent(() => writeEvent(writer, event));
          writer.write("};").newLine();
        }
      });
      writer.write("}");
    },
  };
}

/**
 * Whether `writeEvent` writes a `TypeOnlySchema` for `event`: an argument other than a trailing
 * upload (a `TypeOnlyStreamOf`), an ack, a stream or an error. An event with none (`args: []`)
 * needs no import of it, which `noUnusedLocals` would refuse.
 *
 * @example
 * usesTypeOnlySchema(helloModel); // true for `hello: { args: [z.string()] }`, false for `{ args: [] }`
 */
export function usesTypeOnlySchema(event: EventModel): boolean {
  const schemaArgs = event.upload === undefined ? event.args.length : event.args.length - 1;
  return schemaArgs > 0 || event.ack !== undefined || event.stream !== undefined || event.errors.length > 0;
}

function writeEvent(writer: CodeBlockWriter, event: EventModel): void {
  writer.write("readonly args: readonly [");
  event.args.forEach((arg, index) => {
    if (index > 0) writer.write(", ");
    writer.write(`${arg.name}: `);
    const last = index === event.args.length - 1;
    if (last && event.upload !== undefined) schema(writer, event.upload, "TypeOnlyStreamOf");
    else schema(writer, arg);
  });
  writer.write("];").newLine();
  if (event.ack !== undefined) {
    writer.write("readonly ack: ");
    schema(writer, event.ack);
    writer.write(";").newLine();
  }
  if (event.stream !== undefined) {
    writer.write("readonly stream: ");
    schema(writer, event.stream);
    writer.write(";").newLine();
  }
  if (event.errors.length > 0) {
    writer.write("readonly errors: { ");
    event.errors.forEach((error, index) => {
      if (index > 0) writer.write("; ");
      writer.write(`readonly ${error.code}: `);
      schema(writer, error.data);
    });
    writer.write(" };").newLine();
  }
}

/** `TypeOnlySchema<T>`, or `TypeOnlySchema<TInput, TOutput>` where the two differ. */
function schema(writer: CodeBlockWriter, pair: TypePair, kind = "TypeOnlySchema"): void {
  writer.write(`${kind}<`);
  typeWriter(pair.input)(writer);
  if (!sameType(pair.input, pair.output)) {
    writer.write(", ");
    typeWriter(pair.output)(writer);
  }
  writer.write(">");
}

function sameType(left: TypeNode, right: TypeNode): boolean {
  return left === right || JSON.stringify(left) === JSON.stringify(right);
}
