import {
  type Contract,
  type EventMap,
  contractFingerprint,
  isStandardSchema,
  streamOfInfo,
} from "@socket-contract/contract";
import { CodegenError } from "../errors.js";
import type { ContractModel, EventModel, NamespaceModel, ScopeModel, TypePair } from "./contract-model.js";
import { eventModels, optionalDescription, pairOf, rootDeclaration, siteOf } from "./event-model.js";
import { identifierOf } from "./naming.js";
import { namespaceFolder, patternModel } from "./pattern-model.js";
import { needsChecker } from "./checked-type.js";
import type { RenderContext } from "./render-schema.js";
import { ScopeBuilder } from "./scope-builder.js";
import { type SchemaPath, type StaticTypes, definitionPlace } from "./static-types.js";
import { reference } from "./type-node.js";
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
  if (
    staticTypes !== undefined &&
    reachableSchemas(allSchemas(contract)).some((schema) => needsChecker(schema, staticTypes))
  ) {
    const collected: SchemaPath[] = [];
    // With `collected` set, nothing is asked of the checker: the paths are only recorded.
    modelPass(contract, { schemaNames, recursive, staticTypes, collected });
    staticTypes.prepare(collected);
  }
  return modelPass(contract, { schemaNames, recursive, staticTypes, collected: undefined });
}

type PassOptions = Omit<RenderContext, "scope">;

function modelPass(contract: Contract, options: PassOptions): ContractModel {
  const paths = Object.keys(contract.namespaces).sort();
  const namespaces = paths.map((path) => namespaceModel(contract, path, paths, options));
  const interServerScope = new ScopeBuilder();
  for (const name of RESERVED_NAMES) interServerScope.names.claim(name, "the generated event maps");
  const interServerEvents = eventModels(contract.serverToServer, ["serverToServer"], new Set(), {
    ...options,
    scope: interServerScope,
  });
  const interServer: ScopeModel = {
    declarations: interServerScope.declarations(),
    events: finishEvents(interServerEvents, interServerScope),
  };
  const model = {
    name: contract.name,
    version: contract.version,
    ...optionalDescription(contract.description),
    namespaces,
    interServer,
  };
  // The runtime's own fingerprint, so generated code and the handshake agree on what a contract is.
  return { ...model, fingerprint: contractFingerprint(contract) };
}

function namespaceModel(
  contract: Contract,
  path: string,
  paths: readonly string[],
  options: PassOptions,
): NamespaceModel {
  const definition = contract.namespaces[path as `/${string}`]!;
  const scope = new ScopeBuilder();
  for (const name of RESERVED_NAMES) scope.names.claim(name, "the generated event maps");
  const context: RenderContext = { ...options, scope };
  const base = ["namespaces", path];
  const shared = new Set(
    Object.keys(definition.clientToServer ?? {}).filter((name) => Object.hasOwn(definition.serverToClient ?? {}, name)),
  );
  const pattern = patternModel(contract, path, context);
  const clientToServer = eventModels(definition.clientToServer, [...base, "clientToServer"], shared, context, "Client");
  const serverToClient = eventModels(definition.serverToClient, [...base, "serverToClient"], shared, context, "Server");
  const auth =
    definition.auth === undefined
      ? undefined
      : pairOf(
          rootDeclaration(
            definition.auth as ZodLike,
            "HandshakeAuth",
            siteOf([...base, "auth"], "HandshakeAuth"),
            "The handshake `auth` of this namespace.",
            context,
          ),
        );
  const data =
    definition.data === undefined
      ? undefined
      : reference(
          rootDeclaration(
            definition.data as ZodLike,
            "SocketData",
            siteOf([...base, "data"], "SocketData"),
            "The shape of `socket.data` in this namespace.",
            context,
          ).output,
        );
  // Without a data schema the event maps file declares SocketData itself.
  if (data === undefined) scope.names.claim("SocketData", "the generated event maps");
  const folder = namespaceFolder(path, paths);
  return {
    path,
    folder,
    pascal: identifierOf(folder, definitionPlace(base)),
    ...optionalDescription(definition.description),
    ...(pattern === undefined ? {} : { pattern: { ...pattern, params: finishPair(pattern.params, scope) } }),
    ...(auth === undefined ? {} : { auth: finishPair(auth, scope) }),
    ...(data === undefined ? {} : { data: scope.finish(data) }),
    clientToServer: finishEvents(clientToServer, scope),
    serverToClient: finishEvents(serverToClient, scope),
    ...(holdsStandardSchemas(definition.clientToServer) || holdsStandardSchemas(definition.serverToClient)
      ? { standardSchemas: true as const }
      : {}),
    declarations: scope.declarations(),
    events: [],
  };
}

function finishPair(pair: TypePair, scope: ScopeBuilder): TypePair {
  return { input: scope.finish(pair.input), output: scope.finish(pair.output) };
}

function finishEvents(events: EventModel[], scope: ScopeBuilder): EventModel[] {
  return events.map((event) => ({
    ...event,
    args: event.args.map((arg) => ({ ...arg, ...finishPair(arg, scope) })),
    ...(event.ack === undefined ? {} : { ack: finishPair(event.ack, scope) }),
    ...(event.stream === undefined ? {} : { stream: finishPair(event.stream, scope) }),
    ...(event.upload === undefined ? {} : { upload: finishPair(event.upload, scope) }),
    errors: event.errors.map((error) => ({ code: error.code, data: finishPair(error.data, scope) })),
  }));
}

/** Exported schemas by export name (the first name alphabetically when one schema has several), then `.meta({ id })`. */
function namesOfSchemas(contract: Contract, exports: Readonly<Record<string, unknown>>): Map<ZodLike, string> {
  const names = new Map<ZodLike, string>();
  for (const exportName of Object.keys(exports).sort()) {
    const value = exports[exportName];
    if (exportName === "default" || !(isZodSchema(value) || isStandardSchema(value)) || names.has(value as ZodLike))
      continue;
    if (!/^[A-Za-z_$][\w$]*$/.test(exportName)) continue;
    names.set(value as ZodLike, exportName);
  }
  for (const schema of reachableSchemas(allSchemas(contract))) {
    const id = metaOf(schema)?.id;
    if (names.has(schema) || typeof id !== "string") continue;
    if (!/^[A-Za-z_$][\w$]*$/.test(id))
      throw new CodegenError(
        "UNRENDERABLE",
        `the schema with .meta({ id: ${JSON.stringify(id)} }) needs an id that is a TypeScript identifier`,
      );
    names.set(schema, id);
  }
  return names;
}

/** Every schema the contract reaches, for recursion and `.meta({ id })` lookups. */
function allSchemas(contract: Contract): ZodLike[] {
  const roots: ZodLike[] = [];
  const addEvents = (events: EventMap | undefined): void => {
    for (const event of Object.values(events ?? {})) {
      // A `streamOf()` argument is rendered through its item schema, never as the custom schema it is.
      roots.push(...(event.args.map((arg) => streamOfInfo(arg)?.item ?? arg) as readonly unknown[] as ZodLike[]));
      if (event.ack !== undefined) roots.push(event.ack as ZodLike);
      if (event.stream !== undefined) roots.push(event.stream as ZodLike);
      roots.push(...(Object.values(event.errors ?? {}) as ZodLike[]));
    }
  };
  for (const namespace of Object.values(contract.namespaces)) {
    if (namespace.auth !== undefined) roots.push(namespace.auth as ZodLike);
    if (namespace.data !== undefined) roots.push(namespace.data as ZodLike);
    if (namespace.params !== undefined) roots.push(namespace.params as ZodLike);
    addEvents(namespace.clientToServer);
    addEvents(namespace.serverToClient);
  }
  addEvents(contract.serverToServer);
  // Schemas of other libraries are read whole, from their JSON Schema: nothing inside them is walked.
  return roots.filter((schema) => isZodSchema(schema));
}

/** Whether an event of the map takes a schema of another library than Zod, which a bound client validates through the Standard Schema support. */
function holdsStandardSchemas(events: EventMap | undefined): boolean {
  for (const event of Object.values(events ?? {})) {
    const schemas = [...event.args, ...event.args.map((arg) => streamOfInfo(arg)?.item), event.ack, event.stream];
    schemas.push(...Object.values(event.errors ?? {}));
    if (schemas.some((schema) => schema !== undefined && !isZodSchema(schema))) return true;
  }
  return false;
}
