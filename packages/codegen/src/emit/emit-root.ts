import type { VariableDeclarationKind } from "ts-morph";
import type { GeneratedSource } from "./generated-file.js";
import type { ContractModel, NamespaceModel } from "../model/contract-model.js";
import type { ContractSource } from "./contract-import.js";
import { CONTRACT_TYPES, contractTypesImport } from "./emit-contract-types.js";
import { parsersRegistration } from "./emit-parsers.js";
import { docText } from "./type-writer.js";

/**
 * `fingerprint.ts`: the contract's name, version and shape fingerprint, so two sides can compare
 * what they were built from.
 *
 * @example
 * emitFingerprint(files.create("fingerprint.ts"), model);
 */
export function emitFingerprint(file: GeneratedSource, model: ContractModel): void {
  const constant = (name: string, value: string, doc: string) => ({
    isExported: true,
    declarationKind: "const" as VariableDeclarationKind.Const,
    docs: [doc],
    declarations: [{ name, initializer: JSON.stringify(value) }],
  });
  file.addVariableStatements([
    constant("contractName", model.name, "The contract's `name`."),
    constant("contractVersion", model.version, "The contract's `version`."),
    constant(
      "contractFingerprint",
      model.fingerprint,
      "The contract's wire-shape fingerprint, as `contractFingerprint(contract)` computes it and the handshake compares it.",
    ),
  ]);
}

/**
 * `server.ts`: `bindContractServer(io)`, the runtime's `bindServer` with this contract applied.
 *
 * @example
 * emitServerRoot(files.create("server.ts"), source, "server.ts");
 */
export function emitServerRoot(file: GeneratedSource, _source: ContractSource, path: string): void {
  const contract = "contract";
  file.addImportDeclarations([
    {
      moduleSpecifier: "@socket-contract/server",
      namedImports: [
        { name: "BindServerOptions", isTypeOnly: true },
        { name: "BoundServer", isTypeOnly: true },
        "bindServer",
      ],
    },
    { isTypeOnly: true, moduleSpecifier: "socket.io", namedImports: ["Server"] },
    contractTypesImport(path, [{ name: CONTRACT_TYPES, isTypeOnly: true }, "contract"]),
  ]);
  const registration = parsersRegistration(path, contract, "server");
  file.addImportDeclarations(registration.imports);
  file.addTypeAlias({
    name: "ContractServer",
    isExported: true,
    docs: ["The contract bound to a Socket.IO server: pass it to each namespace's `implement`."],
    type: `BoundServer<${CONTRACT_TYPES}>`,
  });
  file.addFunction({
    name: "bindContractServer",
    isExported: true,
    docs: [
      docText(
        "Binds the contract to a Socket.IO server: every incoming event is validated before its handler runs, every emit before it leaves.\n\n@example\nconst server = bindContractServer(new Server(httpServer), { ackTimeout: 10_000 });",
      ),
    ],
    parameters: [
      { name: "io", type: "Server" },
      { name: "options", type: "BindServerOptions", hasQuestionToken: true },
    ],
    returnType: "ContractServer",
    // Bound into a local first: returned directly, the call would be inferred from the declared
    // return type, which makes TypeScript compute the variances of `BoundServer` and all it
    // reaches (about 10,000 type instantiations in every program that checks this file).
    statements: [registration.statement, `const server = bindServer(${contract}, io, options);`, "return server;"],
  });
}

/**
 * A namespace's `index.ts`: its types, client and server wrappers from one module.
 *
 * @example
 * emitNamespaceIndex(files.create("chat/index.ts"), false);
 */
export function emitNamespaceIndex(file: GeneratedSource, withPath: boolean): void {
  file.addExportDeclarations([
    { moduleSpecifier: "./client.js" },
    ...(withPath ? [{ moduleSpecifier: "./path.js" }] : []),
    { moduleSpecifier: "./server.js" },
    { moduleSpecifier: "./types.js" },
  ]);
}

/**
 * The root `index.ts`: the fingerprint and each namespace under its folder name. The server
 * binding stays in `server.ts`, so a browser bundle that imports this file pulls in no server code.
 *
 * @example
 * emitRootIndex(files.create("index.ts"), model.namespaces);
 */
export function emitRootIndex(file: GeneratedSource, namespaces: readonly NamespaceModel[]): void {
  file.addExportDeclarations([
    { moduleSpecifier: "./fingerprint.js", namedExports: ["contractFingerprint", "contractName", "contractVersion"] },
    { isTypeOnly: true, moduleSpecifier: "./contract-types.js", namedExports: [CONTRACT_TYPES] },
    { isTypeOnly: true, moduleSpecifier: "./inter-server.js", namedExports: ["InterServerEvents"] },
    ...namespaces.map((namespace) => ({
      moduleSpecifier: `./${namespace.folder}/index.js`,
      namespaceExport: identifierOfFolder(namespace.folder),
    })),
  ]);
}

function identifierOfFolder(folder: string): string {
  return folder.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
