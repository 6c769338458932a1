import {
  type AnySchema as ContractSchema,
  type Contract,
  type EventDefinition,
  type EventMap,
  isNamespacePattern,
  isStandardSchema,
  isZodSchema,
  streamOfInfo,
} from "@socket-contract/contract";
import { argumentNames } from "../model/argument-names.js";
import { camelCase, folderOf, pascalCase } from "../model/naming.js";
import { type ConversionWarning, type JsonSchema, SchemaConverter } from "./json-schema.js";

/**
 * A contract as the document tools see it: what crosses the wire, as JSON Schema, every list
 * sorted. The AsyncAPI document, the docs page and the diff are all built from it, so they agree.
 */
export interface WireContract {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** Sorted by path. */
  readonly namespaces: readonly WireNamespace[];
  /** `serverToServer` events, sorted by name. */
  readonly serverToServer: readonly WireEvent[];
  /** Shared schemas (exported or recursive), by name; `$ref`s point to `#/components/schemas/<name>`. */
  readonly schemas: Readonly<Record<string, JsonSchema>>;
  /** Places where JSON Schema could only approximate a type (a Date, a bigint...). */
  readonly warnings: readonly ConversionWarning[];
}

export interface WireNamespace {
  /** `/chat` */
  readonly path: string;
  /** `chat` (`main` for `/`), usable as an identifier part. */
  readonly id: string;
  readonly description?: string;
  /** A dynamic namespace (`/org/:orgId`): its parameter names, and what its `params` schema lets through. */
  readonly params?: WireParams;
  /** What the handshake `auth` must match; absent when the namespace checks none. */
  readonly auth?: JsonSchema;
  /** The shape of `socket.data`, which never leaves the server (but crosses nodes through the adapter). */
  readonly data?: JsonSchema;
  readonly clientToServer: readonly WireEvent[];
  readonly serverToClient: readonly WireEvent[];
}

export interface WireParams {
  /** In path order. */
  readonly names: readonly string[];
  /** The object schema of the parameters, absent when the namespace takes any non-empty segment. */
  readonly schema?: JsonSchema;
}

export type Direction = "clientToServer" | "serverToClient" | "serverToServer";

export interface WireEvent {
  /** The wire name, `message:send`. */
  readonly name: string;
  /** `messageSend` */
  readonly camel: string;
  readonly direction: Direction;
  readonly description?: string;
  /** The arguments as they travel; for a stream event, in `contract:open`, without the `streamOf()` one. */
  readonly args: readonly WireArgument[];
  readonly ack?: WireValue;
  /** The items the responder sends (`stream`), each a `contract:item` frame. */
  readonly stream?: WireValue;
  /** The items the requester sends (a `streamOf()` last argument). */
  readonly upload?: WireUpload;
  /** Custom error codes, sorted, with the schema of their `data`. */
  readonly errors: readonly { readonly code: string; readonly data: JsonSchema }[];
  /** `namespaces["/chat"].clientToServer["message:send"]`, for messages. */
  readonly place: string;
  /** The Zod definition, for tools that check generated examples against it. */
  readonly definition: EventDefinition;
}

export interface WireValue {
  readonly schema: JsonSchema;
  /** Whether the sender may leave it out (`undefined`, sent as `null` in an argument list). */
  readonly optional: boolean;
}

export interface WireArgument extends WireValue {
  /** Its name in signatures and examples: from `.meta({ name })`, else `payload` alone or `arg0`, `arg1`... */
  readonly name: string;
}

export interface WireUpload {
  readonly item: WireValue;
  readonly window?: number;
  readonly maxItems?: number;
}

export interface WireContractOptions {
  /** The contract module's exports: an exported schema becomes a named shared schema (`Message`). */
  readonly exports?: Readonly<Record<string, unknown>>;
}

/**
 * Reads a contract into its wire form.
 *
 * @example
 * const wire = wireContract(contract, { exports: await import("./contract.js") });
 * wire.namespaces[0].clientToServer[0].args[0].schema; // { type: "object", ... }
 */
export function wireContract(contract: Contract, options: WireContractOptions = {}): WireContract {
  const converter = new SchemaConverter(schemaNames(options.exports ?? {}));
  const namespaces = Object.keys(contract.namespaces)
    .sort()
    .map((path): WireNamespace => {
      const definition = contract.namespaces[path as `/${string}`]!;
      const place = `namespaces[${JSON.stringify(path)}]`;
      const stem = pascalCase(folderOf(path));
      return {
        path,
        id: camelCase(folderOf(path)),
        ...optional("description", definition.description),
        ...optional("params", paramsOf(converter, path, definition.params, `${place}.params`, `${stem}Params`)),
        ...optional(
          "auth",
          definition.auth === undefined
            ? undefined
            : converter.convert(definition.auth, `${place}.auth`, `${stem}Auth`),
        ),
        ...optional(
          "data",
          definition.data === undefined
            ? undefined
            : converter.convert(definition.data, `${place}.data`, `${stem}Data`),
        ),
        clientToServer: events(
          converter,
          definition.clientToServer,
          ["namespaces", path, "clientToServer"],
          `${place}.clientToServer`,
          stem,
        ),
        serverToClient: events(
          converter,
          definition.serverToClient,
          ["namespaces", path, "serverToClient"],
          `${place}.serverToClient`,
          stem,
        ),
      };
    });
  const serverToServer = events(
    converter,
    contract.serverToServer,
    ["serverToServer"],
    "serverToServer",
    "ServerToServer",
  );
  return {
    name: contract.name,
    version: contract.version,
    ...optional("description", contract.description),
    namespaces,
    serverToServer,
    schemas: converter.components(),
    warnings: converter.warnings(),
  };
}

function events(
  converter: SchemaConverter,
  map: EventMap | undefined,
  at: readonly [...string[], Direction],
  place: string,
  stem: string,
): WireEvent[] {
  const direction = at[at.length - 1] as Direction;
  return Object.keys(map ?? {})
    .sort()
    .map((name) => {
      const definition = map![name]!;
      const eventPlace = `${place}[${JSON.stringify(name)}]`;
      const eventStem = `${stem}${pascalCase(name)}`;
      const last = definition.args.length - 1;
      const upload = last >= 0 ? streamOfInfo(definition.args[last]) : undefined;
      const sent = upload === undefined ? definition.args : definition.args.slice(0, last);
      const names = argumentNames(definition.args, [...at, name]);
      return {
        name,
        camel: camelCase(name) || "event",
        direction,
        ...optional("description", definition.description),
        args: sent.map((arg, index) => ({
          ...value(converter, arg, `${eventPlace}.args[${index}]`, `${eventStem}Arg${index}`),
          name: names[index]!,
        })),
        ...optional(
          "ack",
          definition.ack === undefined
            ? undefined
            : value(converter, definition.ack, `${eventPlace}.ack`, `${eventStem}Ack`),
        ),
        ...optional(
          "stream",
          definition.stream === undefined
            ? undefined
            : value(converter, definition.stream, `${eventPlace}.stream`, `${eventStem}Item`),
        ),
        ...optional(
          "upload",
          upload === undefined
            ? undefined
            : {
                item: value(converter, upload.item, `${eventPlace}.args[${last}]`, `${eventStem}UploadItem`),
                ...optional("window", upload.window),
                ...optional("maxItems", upload.maxItems),
              },
        ),
        errors: Object.keys(definition.errors ?? {})
          .sort()
          .map((code) => ({
            code,
            data: converter.convert(
              definition.errors![code]!,
              `${eventPlace}.errors.${code}`,
              `${eventStem}${pascalCase(code)}`,
            ),
          })),
        place: eventPlace,
        definition,
      };
    });
}

function value(converter: SchemaConverter, contractSchema: ContractSchema, place: string, stem: string): WireValue {
  return { schema: converter.convert(contractSchema, place, stem), optional: mayBeLeftOut(contractSchema) };
}

/**
 * Whether a sender may leave the value out: Zod's own flag for it (optional, default, void...), as
 * z.object reads it; for another library, whether its validator accepts `undefined` (a contract's
 * validators are synchronous, `defineContract` checks it).
 */
function mayBeLeftOut(schema: ContractSchema): boolean {
  if (isZodSchema(schema)) return (schema._zod as { optin?: string }).optin === "optional";
  const result = schema["~standard"].validate(undefined) as { issues?: unknown };
  return typeof result === "object" && result !== null && !("then" in result) && result.issues === undefined;
}

/** Exported schemas (Zod, or another Standard Schema library) by identity, named by their export name. */
function schemaNames(exports: Readonly<Record<string, unknown>>): Map<unknown, string> {
  const names = new Map<unknown, string>();
  for (const key of Object.keys(exports).sort()) {
    const candidate = exports[key];
    if (
      (isZodSchema(candidate) || isStandardSchema(candidate)) &&
      !names.has(candidate) &&
      /^[A-Za-z_$][\w$]*$/.test(key)
    )
      names.set(candidate, key);
  }
  return names;
}

function paramsOf(
  converter: SchemaConverter,
  path: string,
  schema: ContractSchema | undefined,
  place: string,
  stem: string,
): WireParams | undefined {
  if (!isNamespacePattern(path)) return undefined;
  const names = path.split("/").flatMap((segment) => (segment.startsWith(":") ? [segment.slice(1)] : []));
  return { names, ...optional("schema", schema === undefined ? undefined : converter.convert(schema, place, stem)) };
}

function optional<TKey extends string, TValue>(key: TKey, value: TValue | undefined): { [K in TKey]?: TValue } {
  return (value === undefined ? {} : { [key]: value }) as { [K in TKey]?: TValue };
}
