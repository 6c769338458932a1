import type { GeneratedSource } from "./generated-file.js";
import type { NamespaceModel } from "../model/contract-model.js";
import { handlerType, handlerTypes, localNames } from "./handler-type.js";
import type { ContractSource } from "./contract-import.js";
import { CONTRACT_TYPES, contractTypesImport } from "./emit-contract-types.js";
import { PATH_ARGUMENT, RESOLVE_PATH } from "./emit-path.js";
import { docText, propertyKey } from "./type-writer.js";

/**
 * A namespace's `server.ts`: the `Handlers` interface, keyed by wire event names, and
 * `implement(server, handlers)`, which needs exactly one handler per client-to-server event (a
 * missing or an extra one does not compile) and wires them up on every connection.
 *
 * @example
 * emitServer(files.create("chat/server.ts"), namespace, source, "chat/server.ts");
 */
export function emitServer(
  file: GeneratedSource,
  namespace: NamespaceModel,
  _source: ContractSource,
  path: string,
): void {
  const contract = CONTRACT_TYPES;
  const pathLiteral = JSON.stringify(namespace.path);
  const socketType = `${namespace.pascal}Socket`;
  const handlersType = `${namespace.pascal}Handlers`;
  file.addImportDeclarations([
    {
      isTypeOnly: true,
      moduleSpecifier: "@socket-contract/server",
      namedImports: ["BoundNamespace", "BoundServer", "BoundSocket"],
    },
    contractTypesImport(path, [{ name: CONTRACT_TYPES, isTypeOnly: true }]),
  ]);
  if (namespace.pattern !== undefined)
    file.addImportDeclaration({ moduleSpecifier: "./path.js", namedImports: ["namespacePath"] });
  const used = [
    ...localNames(namespace.clientToServer.flatMap(handlerTypes)),
    ...(namespace.pattern === undefined ? [] : ["NamespacePath", "NamespacePathParams"]),
  ].sort();
  if (used.length > 0)
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: "./types.js", namedImports: used });
  file.addTypeAliases([
    {
      name: socketType,
      isExported: true,
      docs: [`A connected socket of \`${namespace.path}\`: typed \`emit\`, \`data\`, \`auth\`, rooms.`],
      type: `BoundSocket<${contract}, ${pathLiteral}>`,
    },
    {
      name: `${namespace.pascal}Namespace`,
      isExported: true,
      docs: [
        `The bound \`${namespace.path}\` namespace: typed broadcasts (\`to(room).emit\`, \`timeout(ms).emit\`) and middleware.`,
      ],
      type: `BoundNamespace<${contract}, ${pathLiteral}>`,
    },
  ]);
  if (namespace.clientToServer.length > 0)
    file.addTypeAlias({
      name: "Calls",
      docs: ["The runtime's `on` by wire name, without per-event types, for `implement`."],
      type: "{ on(event: string, handler: (...args: never[]) => unknown): () => void }",
    });
  file.addInterface({
    name: handlersType,
    isExported: true,
    docs: [
      `One handler per event clients send on \`${namespace.path}\`, keyed by its wire name. A handler gets the socket, then the validated arguments; its return value (or resolved promise) is the acknowledgement${namespace.clientToServer.some((event) => event.stream !== undefined) ? ", and a stream event's handler is a generator whose yields are the items" : ""}. Throw a \`ContractError\` with a declared code to answer with that error.`,
    ],
    properties: namespace.clientToServer.map((event) => ({
      name: propertyKey(event.name),
      docs: event.description === undefined ? [] : [docText(event.description)],
      type: (writer) => handlerType(writer, event, { name: "socket", type: socketType }),
    })),
  });
  const example = namespace.clientToServer
    .slice(0, 2)
    .map(
      (event) =>
        `  ${propertyKey(event.name)}: ${event.stream === undefined ? "" : "async function* "}(socket${event.args.map((arg) => `, ${arg.name}`).join("")})${event.stream === undefined ? " =>" : ""} { ... },`,
    )
    .join("\n");
  file.addFunction({
    name: "implement",
    isExported: true,
    docs: [
      docText(
        `Handles every client-to-server event of \`${namespace.path}\` on each connection. \`handlers\` must have exactly the contract's events: a missing or an extra handler is a compile error. Returns the namespace, for broadcasts and middleware.\n\n@example\nconst ${namespace.folder === "main" ? "main" : camel(namespace.pascal)} = implement(server, {\n${example}\n});`,
      ),
    ],
    typeParameters: [{ name: "THandlers", constraint: handlersType }],
    parameters: [
      { name: "server", type: `BoundServer<${contract}>` },
      // The mapped `never` turns every key the contract does not declare into a compile error, even for a variable.
      // With no event to handle, nothing reads the handlers (an empty object): the underscore says so to noUnusedParameters.
      {
        name: namespace.clientToServer.length === 0 ? "_handlers" : "handlers",
        type: `THandlers & { readonly [TKey in Exclude<keyof THandlers, keyof ${handlersType}>]: never }`,
      },
    ],
    returnType: `BoundNamespace<${contract}, ${pathLiteral}>`,
    statements: (writer) => {
      writer.write("const namespace = server.of(").quote(namespace.path).write(");").newLine();
      if (namespace.clientToServer.length > 0) {
        writer.write(`const all: ${handlersType} = handlers;`).newLine();
        writer.write('namespace.on("connection", (socket) => ').inlineBlock(() => {
          writer
            .write(
              `// By wire name, without per-event types: each handler was checked against \`${handlersType}\` above.`,
            )
            .newLine();
          writer.write("const calls: Calls = socket as never;").newLine();
          for (const event of namespace.clientToServer) {
            const args = event.args.map((arg) => arg.name).join(", ");
            writer
              .write("calls.on(")
              .quote(event.name)
              .write(`, (${args}) => all[`)
              .quote(event.name)
              .write(`](socket${event.args.map((arg) => `, ${arg.name}`).join("")}));`)
              .newLine();
          }
        });
        writer.write(");").newLine();
      }
      writer.write("return namespace;");
    },
  });
  if (namespace.pattern !== undefined) emitNamespaceFor(file, namespace, contract);
}

/** `namespaceFor(server, at)`: the bound namespace of one concrete path of a pattern, for broadcasts to it alone. */
function emitNamespaceFor(file: GeneratedSource, namespace: NamespaceModel, contract: string): void {
  const example = `{ ${namespace.pattern!.names.map((name) => `${name}: "acme"`).join(", ")} }`;
  file.addFunction({
    name: "namespaceFor",
    isExported: true,
    docs: [
      docText(
        `The bound namespace of one concrete path of \`${namespace.path}\`, given as a path or as its parameters: broadcasts through it reach that namespace alone. \`implement\` handles them all.\n\n@example\nnamespaceFor(server, ${example}).emit(...);`,
      ),
    ],
    parameters: [
      { name: "server", type: `BoundServer<${contract}>` },
      { name: "at", type: PATH_ARGUMENT },
    ],
    returnType: `BoundNamespace<${contract}, ${JSON.stringify(namespace.path)}>`,
    statements: [`return server.of(${RESOLVE_PATH});`],
  });
}

function camel(pascal: string): string {
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
