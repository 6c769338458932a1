import { type Contract, type EventDefinition, type EventMap, contractFingerprint } from "@socket-contract/contract";
import { CodegenError } from "../errors.js";
import type { ArgumentModel, ContractModel, EventModel, NamespaceModel, ScopeModel, TypePair } from "./contract-model.js";
import { camelCase, folderOf, identifierOf, pascalCase } from "./naming.js";
import { type RenderContext, type Site, declaredNamesOf, needsChecker, renderDeclarationBody } from "./render-schema.js";
import { type DeclaredNames, ScopeBuilder } from "./scope-builder.js";
import { type SchemaPath, type StaticTypes, definitionPlace } from "./static-types.js";
import { type TypeNode, keyword, reference, union } from "./type-node.js";
import { type ZodLike, findRecursive, isZodSchema, metaOf, reachableSchemas } from "./zod-def.js";

export interface BuildModelOptions {
  /**
   * The contract module's exports. An exported schema is declared under its export name
   * (`export const Message = z.object(...)` gives `interface Message`) wherever the contract uses it.
   */
  readonly exports?: Readonly<Record<string, unknown>>;
  /** What the TypeScript checker knows of the contract's source: needed for transforms, custom schemas and brands. */
  readonly staticTypes?: StaticTypes;
}

/** Names the generated files declare themselves, which a schema name may not take. */
const CONTRACT_PACKAGE = "@socket-contract/contract";

const RESERVED_NAMES = ["ClientToServerEvents", "ServerToClientEvents", "InterServerEvents"];

/**
 * Turns a contract into the plain, sorted model the emitter prints: every namespace, event,
 * payload, ack and error with its generated name and exact input and output types.
 *
 * @example
 * const model = buildModel(contract, { exports: await import("./contract.js") });
 * model.namespaces[0].clientToServer.map((event) => event.camel); // ["messageSend", ...]
 */
export function buildModel(contract: Contract, options: BuildModelOptions = {}): ContractModel {
  const schemaNames = namesOfSchemas(contract, options.exports ?? {});
  const recursive = findRecursive(allSchemas(contract));
  const staticTypes = options.staticTypes;
  // A first pass collects the paths the checker must answer; a contract without any skips it, and never opens a program.
  if (staticTypes !== undefined && reachableSchemas(allSchemas(contract)).some((schema) => needsChecker(schema, staticTypes))) {
    const collected: SchemaPath[] = [];
    // With `collected` set, nothing is asked of the checker: the paths are only recorded.
    modelPass(contract, { schemaNames, recursive, staticTypes, collected });
    staticTypes.prepare(collected);
  }
  return modelPass(contract, { schemaNames, recursive, staticTypes, collected: undefined });
}

type PassOptions = Omit<RenderContext, "scope">;

function modelPass(contract: Contract, options: PassOptions): ContractModel {
  const namespaces = Object.keys(contract.namespaces)
    .sort()
    .map((path) => namespaceModel(contract, path, options));
  const interServerScope = new ScopeBuilder();
  for (const name of RESERVED_NAMES) interServerScope.names.claim(name, "the generated event maps");
  const interServerEvents = eventModels(contract.serverToServer, ["serverToServer"], new Set(), { ...options, scope: interServerScope });
  const interServer: ScopeModel = { declarations: interServerScope.declarations(), events: finishEvents(interServerEvents, interServerScope) };
  const model = { name: contract.name, version: contract.version, ...optionalDescription(contract.description), namespaces, interServer };
  // The runtime's own fingerprint, so generated code and the handshake agree on what a contract is.
  return { ...model, fingerprint: contractFingerprint(contract) };
}

function namespaceModel(contract: Contract, path: string, options: PassOptions): NamespaceModel {
  const definition = contract.namespaces[path as `/${string}`]!;
  const scope = new ScopeBuilder();
  for (const name of RESERVED_NAMES) scope.names.claim(name, "the generated event maps");
  const context: RenderContext = { ...options, scope };
  const base = ["namespaces", path];
  const shared = new Set(Object.keys(definition.clientToServer ?? {}).filter((name) => Object.hasOwn(definition.serverToClient ?? {}, name)));
  const clientToServer = eventModels(definition.clientToServer, [...base, "clientToServer"], shared, context, "Client");
  const serverToClient = eventModels(definition.serverToClient, [...base, "serverToClient"], shared, context, "Server");
  const auth = definition.auth === undefined ? undefined : pairOf(rootDeclaration(definition.auth as ZodLike, "HandshakeAuth", siteOf([...base, "auth"], "HandshakeAuth"), "The handshake `auth` of this namespace.", context));
  const data = definition.data === undefined ? undefined : reference(rootDeclaration(definition.data as ZodLike, "SocketData", siteOf([...base, "data"], "SocketData"), "The shape of `socket.data` in this namespace.", context).output);
  // Without a data schema the event maps file declares SocketData itself.
  if (data === undefined) scope.names.claim("SocketData", "the generated event maps");
  const folder = folderOf(path);
  return {
    path,
    folder,
    pascal: identifierOf(folder, definitionPlace(base)),
    ...optionalDescription(definition.description),
    ...(auth === undefined ? {} : { auth: finishPair(auth, scope) }),
    ...(data === undefined ? {} : { data: scope.finish(data) }),
    clientToServer: finishEvents(clientToServer, scope),
    serverToClient: finishEvents(serverToClient, scope),
    declarations: scope.declarations(),
    events: [],
  };
}

function eventModels(events: EventMap | undefined, base: readonly (string | number)[], shared: ReadonlySet<string>, context: RenderContext, sender?: string): EventModel[] {
  if (events === undefined) return [];
  return Object.keys(events)
    .sort()
    .map((name) => {
      const event = events[name]!;
      const place = [...base, name];
      // An event name used in both directions gets the sender in its generated names: ClientTyping, ServerTyping.
      const stem = shared.has(name) && sender !== undefined ? `${sender}${identifierOf(name, definitionPlace(place))}` : identifierOf(name, definitionPlace(place));
      return eventModel(name, stem, event, place, context);
    });
}

function eventModel(name: string, stem: string, event: EventDefinition, place: readonly (string | number)[], context: RenderContext): EventModel {
  const single = event.args.length === 1;
  const args: ArgumentModel[] = event.args.map((schema, index) => {
    const typeName = single ? `${stem}Payload` : `${stem}Arg${index}`;
    const names = rootDeclaration(schema as ZodLike, typeName, siteOf([...place, "args", index], typeName), docOf(event, single ? "payload" : `argument ${index}`, name), context);
    return { name: single ? "payload" : `arg${index}`, ...pairOf(names) };
  });
  const ack =
    event.ack === undefined
      ? undefined
      : pairOf(rootDeclaration(event.ack as ZodLike, `${stem}Ack`, siteOf([...place, "ack"], `${stem}Ack`), docOf(event, "acknowledgement", name), context));
  const errors = Object.keys(event.errors ?? {})
    .sort()
    .map((code) => {
      const typeName = `${stem}${identifierOf(code, definitionPlace([...place, "errors", code]))}ErrorData`;
      const site = siteOf([...place, "errors", code], typeName);
      return { code, data: pairOf(rootDeclaration(event.errors![code] as ZodLike, typeName, site, `The \`data\` of a \`${code}\` error from \`${name}\`.`, context)) };
    });
  if (ack !== undefined) declareErrorUnion(`${stem}Error`, name, errors, definitionPlace(place), context);
  return {
    name,
    pascal: stem,
    camel: camelCase(name),
    listener: `on${pascalCase(name)}`,
    ...optionalDescription(event.description),
    args,
    ...(ack === undefined ? {} : { ack }),
    errors,
  };
}

/** `MessageSendError`: every `ContractError` an ack-bearing call can reject with, custom codes with their typed `data`. */
function declareErrorUnion(name: string, event: string, errors: EventModel["errors"], owner: string, context: RenderContext): void {
  const contractError = (code: TypeNode, data: TypeNode): TypeNode => reference("ContractError", [code, data], CONTRACT_PACKAGE);
  const type = union([
    contractError(reference("BuiltInErrorCode", undefined, CONTRACT_PACKAGE), keyword("undefined")),
    ...errors.map((error) => contractError({ kind: "literal", value: error.code }, error.data.output)),
  ]);
  const description = `Every error that a call of \`${event}\` can reject with: a built-in code, or a custom code with its typed \`data\`.`;
  context.scope.declareSchema(undefined, name, owner, description, () => type);
}

/** Declares the type of a payload, ack or error under its contract-given name, as an alias when the schema has a name of its own. */
function rootDeclaration(schema: ZodLike, name: string, site: Site, description: string | undefined, context: RenderContext): DeclaredNames {
  const owner = site.place;
  const own = declaredNamesOf(schema, site, context);
  if (own !== undefined && own.output === name) return own;
  if (own !== undefined) return context.scope.declareAlias(name, owner, own, description);
  return context.scope.declareSchema(undefined, name, owner, description, (side) => renderDeclarationBody(schema, side, site, context));
}

function docOf(event: EventDefinition, what: string, name: string): string {
  const lead = `The ${what} of \`${name}\`.`;
  return event.description === undefined ? lead : `${event.description.trim()}\n\n${lead}`;
}

function siteOf(definition: readonly (string | number)[], stem: string): Site {
  return { path: { definition, def: [] }, place: definitionPlace(definition), stem, depth: 0 };
}

function pairOf(names: DeclaredNames): TypePair {
  return { input: reference(names.input), output: reference(names.output) };
}

function finishPair(pair: TypePair, scope: ScopeBuilder): TypePair {
  return { input: scope.finish(pair.input), output: scope.finish(pair.output) };
}

function finishEvents(events: EventModel[], scope: ScopeBuilder): EventModel[] {
  return events.map((event) => ({
    ...event,
    args: event.args.map((arg) => ({ ...arg, ...finishPair(arg, scope) })),
    ...(event.ack === undefined ? {} : { ack: finishPair(event.ack, scope) }),
    errors: event.errors.map((error) => ({ code: error.code, data: finishPair(error.data, scope) })),
  }));
}

function optionalDescription(description: string | undefined): { description?: string } {
  return description === undefined || description.trim() === "" ? {} : { description: description.trim() };
}

/** Exported schemas by export name (the first name alphabetically when one schema has several), then `.meta({ id })`. */
function namesOfSchemas(contract: Contract, exports: Readonly<Record<string, unknown>>): Map<ZodLike, string> {
  const names = new Map<ZodLike, string>();
  for (const exportName of Object.keys(exports).sort()) {
    const value = exports[exportName];
    if (exportName === "default" || !isZodSchema(value) || names.has(value)) continue;
    if (!/^[A-Za-z_$][\w$]*$/.test(exportName)) continue;
    names.set(value, exportName);
  }
  for (const schema of reachableSchemas(allSchemas(contract))) {
    const id = metaOf(schema)?.id;
    if (names.has(schema) || typeof id !== "string") continue;
    if (!/^[A-Za-z_$][\w$]*$/.test(id)) throw new CodegenError("UNRENDERABLE", `the schema with .meta({ id: ${JSON.stringify(id)} }) needs an id that is a TypeScript identifier`);
    names.set(schema, id);
  }
  return names;
}

/** Every schema the contract reaches, for recursion and `.meta({ id })` lookups. */
function allSchemas(contract: Contract): ZodLike[] {
  const roots: ZodLike[] = [];
  const addEvents = (events: EventMap | undefined): void => {
    for (const event of Object.values(events ?? {})) {
      roots.push(...(event.args as readonly unknown[] as ZodLike[]));
      if (event.ack !== undefined) roots.push(event.ack as ZodLike);
      roots.push(...(Object.values(event.errors ?? {}) as ZodLike[]));
    }
  };
  for (const namespace of Object.values(contract.namespaces)) {
    if (namespace.auth !== undefined) roots.push(namespace.auth as ZodLike);
    if (namespace.data !== undefined) roots.push(namespace.data as ZodLike);
    addEvents(namespace.clientToServer);
    addEvents(namespace.serverToClient);
  }
  addEvents(contract.serverToServer);
  return roots;
}
