import type { OptionalKind, PropertySignatureStructure, WriterFunction } from "ts-morph";
import type { GeneratedSource } from "./generated-file.js";
import type { Declaration, EventModel, NamespaceModel, ScopeModel } from "../model/contract-model.js";
import { isStreamEvent } from "../model/event-model.js";
import { type ObjectNode, reference } from "../model/type-node.js";
import { type ContractSource, contractSpecifier } from "./contract-import.js";
import { eventTypes, namespaceTypes, usesTypeOnlySchema } from "./emit-contract-types.js";
import { CONTRACT_MODULE, docText, importsOf, propertyKey, typeWriter, writeDocs } from "./type-writer.js";

const CONTRACT_PACKAGE = "@socket-contract/contract";

/**
 * A namespace's `types.ts`: every payload, ack and error type, then the Socket.IO event maps
 * (`ClientToServerEvents`, `ServerToClientEvents`, `InterServerEvents`, `SocketData`) that drop
 * into plain `Server<...>` and `Socket<...>` generics.
 *
 * @example
 * emitNamespaceTypes(files.create("chat/types.ts"), namespace, source, "chat/types.ts");
 */
export function emitNamespaceTypes(
  file: GeneratedSource,
  namespace: NamespaceModel,
  source: ContractSource,
  path: string,
): void {
  const maps = [
    eventMap(
      "ClientToServerEvents",
      namespace.clientToServer,
      `What clients send on \`${namespace.path}\`, as it travels on the wire: \`Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>\`.`,
    ),
    eventMap(
      "ServerToClientEvents",
      namespace.serverToClient,
      `What the server sends on \`${namespace.path}\`, as it travels on the wire: \`Socket<ServerToClientEvents, ClientToServerEvents>\` on the client.`,
    ),
  ];
  const events = [...namespace.clientToServer, ...namespace.serverToClient];
  addImports(
    file,
    namespace.declarations,
    events,
    true,
    contractSpecifier(source, path),
    events.some(usesTypeOnlySchema) ||
      namespace.auth !== undefined ||
      namespace.data !== undefined ||
      namespace.pattern !== undefined,
  );
  file.addExportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: "../inter-server.js",
    namedExports: ["InterServerEvents"],
  });
  addDeclarations(file, namespace.declarations);
  for (const map of maps) file.addTypeAlias(map);
  file.addTypeAliases([
    eventTypes(
      "ClientToServerTypes",
      namespace.clientToServer,
      `What clients send on \`${namespace.path}\`, as types alone: each event's arguments, ack, stream and errors, as in the contract.`,
    ),
    eventTypes(
      "ServerToClientTypes",
      namespace.serverToClient,
      `What the server sends on \`${namespace.path}\`, as types alone: each event's arguments, ack, stream and errors, as in the contract.`,
    ),
  ]);
  file.addInterface(namespaceTypes(namespace));
  if (namespace.data === undefined) {
    file.addTypeAlias({
      name: "SocketData",
      isExported: true,
      docs: ["The namespace declares no `data` schema, so `socket.data` is a plain record."],
      type: typeWriter(
        reference("Record", [
          { kind: "keyword", name: "string" },
          { kind: "keyword", name: "unknown" },
        ]),
      ),
    });
  }
}

/**
 * `inter-server.ts`: the types of the contract's `serverToServer` events and their event map.
 *
 * @example
 * emitInterServerTypes(files.create("inter-server.ts"), model.interServer, source, "inter-server.ts");
 */
export function emitInterServerTypes(
  file: GeneratedSource,
  scope: ScopeModel,
  source: ContractSource,
  path: string,
): void {
  addImports(file, scope.declarations, scope.events, false, contractSpecifier(source, path));
  addDeclarations(file, scope.declarations);
  file.addTypeAlias(
    eventMap(
      "InterServerEvents",
      scope.events,
      "What one server node sends another with `serverSideEmit`: the third generic of `Server<...>`.",
    ),
  );
  file.addTypeAlias(
    eventTypes(
      "ServerToServerTypes",
      scope.events,
      "The contract's `serverToServer` events, as types alone: each event's arguments and ack, as in the contract.",
    ),
  );
}

function addImports(
  file: GeneratedSource,
  declarations: readonly Declaration[],
  events: readonly EventModel[],
  withReport: boolean,
  contractModule: string,
  typeOnly = events.some(usesTypeOnlySchema),
): void {
  const imports = new Map<string, Set<string>>();
  importsOf(
    declarations.map((declaration) => declaration.type),
    imports,
  );
  const contractNames = imports.get(CONTRACT_PACKAGE) ?? new Set<string>();
  if (events.some((event) => event.ack !== undefined && !isStreamEvent(event))) contractNames.add("AckEnvelope");
  if (withReport) contractNames.add("ContractErrorReport");
  if (typeOnly) contractNames.add("TypeOnlySchema");
  if (events.some((event) => event.upload !== undefined)) contractNames.add("TypeOnlyStreamOf");
  if (contractNames.size > 0) imports.set(CONTRACT_PACKAGE, contractNames);
  const ownTypes = imports.get(CONTRACT_MODULE);
  imports.delete(CONTRACT_MODULE);
  if (ownTypes !== undefined) imports.set(contractModule, ownTypes);
  for (const moduleSpecifier of [...imports.keys()].sort()) {
    file.addImportDeclaration({
      isTypeOnly: true,
      moduleSpecifier,
      namedImports: [...imports.get(moduleSpecifier)!].sort(),
    });
  }
}

function addDeclarations(file: GeneratedSource, declarations: readonly Declaration[]): void {
  for (const declaration of declarations) {
    const docs = declaration.description === undefined ? [] : [docText(declaration.description)];
    if (declaration.type.kind === "object" && declaration.type.index === undefined) {
      file.addInterface({ name: declaration.name, isExported: true, docs, properties: propertiesOf(declaration.type) });
    } else {
      file.addTypeAlias({ name: declaration.name, isExported: true, docs, type: typeWriter(declaration.type) });
    }
  }
}

/** Interface members as ts-morph structures, with each property's description as its JSDoc. */
function propertiesOf(type: ObjectNode): OptionalKind<PropertySignatureStructure>[] {
  return type.properties.map((property) => ({
    name: propertyKey(property.name),
    type: typeWriter(property.type),
    hasQuestionToken: property.optional,
    isReadonly: property.readonly,
    docs: property.description === undefined ? [] : [docText(property.description)],
  }));
}

/** A Socket.IO event map: one listener signature per event, the ack callback last. */
function eventMap(
  name: string,
  events: readonly EventModel[],
  doc: string,
): { name: string; isExported: true; docs: string[]; type: WriterFunction } {
  return {
    name,
    isExported: true,
    docs: [docText(doc)],
    type: (writer) => {
      // Stream events travel as `contract:*` frames, never under their own name, so they have no listener here.
      const listed = events.filter((event) => !isStreamEvent(event));
      if (listed.length === 0 && name === "InterServerEvents") {
        writer.write("{}");
        return;
      }
      writer.write("{").newLine();
      writer.indent(() => {
        for (const event of listed) {
          if (event.description !== undefined) writeDocs(writer, event.description);
          writer.write(`${propertyKey(event.name)}: (`);
          const params = event.args.map((arg) => [arg.name, arg.input] as const);
          params.forEach(([paramName, type], index) => {
            if (index > 0) writer.write(", ");
            writer.write(`${paramName}: `);
            typeWriter(type)(writer);
          });
          if (event.ack !== undefined) {
            if (params.length > 0) writer.write(", ");
            writer.write("callback: (response: AckEnvelope<");
            typeWriter(event.ack.input)(writer);
            writer.write(">) => void");
          }
          writer.write(") => void;").newLine();
        }
        if (name !== "InterServerEvents") {
          writeDocs(writer, "The protocol's report of an event the other side refused (no ack to carry the error).");
          writer.write('"contract:error": (report: ContractErrorReport) => void;').newLine();
        }
      });
      writer.write("}");
    },
  };
}
