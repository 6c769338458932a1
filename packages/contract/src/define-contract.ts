import { ContractDefinitionError } from "./definition-error.js";
import { ERROR_CODE_PATTERN, isBuiltInErrorCode } from "./error-codes.js";
import { streamOfInfo } from "./stream-of.js";
import type { Contract, ContractDefinition, ContractMarker } from "./types.js";

/**
 * Event names Socket.IO reserves, and the one this protocol reserves for its error reports. Every
 * name starting with `RESERVED_EVENT_PREFIX` is reserved as well (the stream frames use them).
 */
export const RESERVED_EVENT_NAMES: readonly string[] = [
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
  "contract:error",
];

/** The protocol's own events (errors, stream frames) start with this; no contract event may. */
export const RESERVED_EVENT_PREFIX = "contract:";

const MARKER: ContractMarker = Object.freeze({ kind: "socket-contract", revision: 1 });

/**
 * Checks a contract definition and returns it, marked as a contract. Every broken rule throws a
 * `ContractDefinitionError` that names the exact place, so a mistake fails at import time.
 *
 * @example
 * export const contract = defineContract({
 *   name: "chat",
 *   version: "1.0.0",
 *   namespaces: {
 *     "/chat": {
 *       clientToServer: { "message:send": { args: [z.object({ text: z.string() })], ack: z.object({ id: z.string() }) } },
 *       serverToClient: { message: { args: [z.object({ id: z.string(), text: z.string() })] } },
 *     },
 *   },
 * });
 */
export function defineContract<const TDefinition extends ContractDefinition>(definition: TDefinition): Contract<TDefinition> {
  checkDefinition(definition);
  return Object.freeze({ ...definition, "~contract": MARKER }) as Contract<TDefinition>;
}

/**
 * Whether `value` was made by `defineContract`, checked by shape so that two copies of the package
 * recognise each other's contracts.
 *
 * @example
 * if (!isContract(module.contract)) throw new Error("not a contract");
 */
export function isContract(value: unknown): value is Contract {
  const marker = isRecord(value) ? value["~contract"] : undefined;
  return isRecord(marker) && marker.kind === "socket-contract";
}

function checkDefinition(definition: unknown): void {
  if (!isRecord(definition)) fail("", "expected an object");
  checkKeys(definition, "", ["name", "version", "description", "namespaces", "serverToServer", "~contract"]);
  if (typeof definition.name !== "string" || definition.name.trim() === "") fail("name", "expected a non-empty string");
  if (typeof definition.version !== "string" || definition.version.trim() === "") fail("version", "expected a non-empty string");
  checkOptionalString(definition, "", "description");
  if (!isRecord(definition.namespaces)) fail("namespaces", "expected an object of namespaces keyed by path");
  const paths = Object.keys(definition.namespaces);
  if (paths.length === 0) fail("namespaces", "declare at least one namespace");
  for (const path of paths) checkNamespace(path, definition.namespaces[path]);
  if (definition.serverToServer !== undefined) checkEvents(definition.serverToServer, "serverToServer", false);
}

function checkNamespace(path: string, namespace: unknown): void {
  const place = `namespaces[${JSON.stringify(path)}]`;
  if (!path.startsWith("/")) fail(place, 'a namespace path starts with "/"');
  if (!isRecord(namespace)) fail(place, "expected an object");
  checkKeys(namespace, place, ["description", "auth", "data", "clientToServer", "serverToClient"]);
  checkOptionalString(namespace, place, "description");
  for (const key of ["auth", "data"] as const) {
    if (namespace[key] !== undefined && !isSchema(namespace[key])) fail(`${place}.${key}`, "expected a Zod schema");
  }
  for (const direction of ["clientToServer", "serverToClient"] as const) {
    if (namespace[direction] !== undefined) checkEvents(namespace[direction], `${place}.${direction}`, true);
  }
}

function checkEvents(events: unknown, place: string, streams: boolean): void {
  if (!isRecord(events)) fail(place, "expected an object of events keyed by name");
  for (const name of Object.keys(events)) {
    const eventPlace = `${place}[${JSON.stringify(name)}]`;
    if (name === "") fail(eventPlace, "an event name cannot be empty");
    if (RESERVED_EVENT_NAMES.includes(name)) fail(eventPlace, `"${name}" is reserved by Socket.IO or by this protocol`);
    if (name.startsWith(RESERVED_EVENT_PREFIX)) fail(eventPlace, `names starting with "${RESERVED_EVENT_PREFIX}" are reserved by this protocol`);
    checkEvent(events[name], eventPlace, streams);
  }
}

function checkEvent(event: unknown, place: string, streams: boolean): void {
  if (!isRecord(event)) fail(place, "expected an object with `args`");
  checkKeys(event, place, ["description", "args", "ack", "stream", "errors"]);
  checkOptionalString(event, place, "description");
  if (!Array.isArray(event.args)) fail(`${place}.args`, "expected an array of Zod schemas (use [] for none)");
  event.args.forEach((arg: unknown, index: number) => {
    const argPlace = `${place}.args[${index}]`;
    if (!isSchema(arg)) fail(argPlace, "expected a Zod schema");
    if (streamOfInfo(arg) === undefined) return;
    if (!streams) fail(argPlace, "server-to-server events cannot stream (serverSideEmit has no stream)");
    if (index !== event.args.length - 1) fail(argPlace, "streamOf() can only be an event's last argument");
  });
  if (event.ack !== undefined && !isSchema(event.ack)) fail(`${place}.ack`, "expected a Zod schema");
  if (event.stream !== undefined) {
    if (!streams) fail(`${place}.stream`, "server-to-server events cannot stream (serverSideEmit has no stream)");
    if (!isSchema(event.stream)) fail(`${place}.stream`, "expected a Zod schema for the items");
    if (streamOfInfo(event.stream) !== undefined) fail(`${place}.stream`, "items cannot themselves be streams: give the item schema");
  }
  if (event.ack !== undefined && streamOfInfo(event.ack) !== undefined) fail(`${place}.ack`, "an acknowledgement cannot be a stream: use `stream`");
  if (event.errors === undefined) return;
  if (!isRecord(event.errors)) fail(`${place}.errors`, "expected an object of Zod schemas keyed by error code");
  for (const code of Object.keys(event.errors)) {
    const codePlace = `${place}.errors[${JSON.stringify(code)}]`;
    if (!ERROR_CODE_PATTERN.test(code)) fail(codePlace, "an error code is UPPER_SNAKE_CASE");
    if (isBuiltInErrorCode(code)) fail(codePlace, `"${code}" is a built-in error code`);
    if (!isSchema(event.errors[code])) fail(codePlace, "expected a Zod schema for the error's data");
  }
}

function checkKeys(value: Record<string, unknown>, place: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(place === "" ? key : `${place}.${key}`, `unknown key (expected one of ${allowed.filter((k) => k !== "~contract").join(", ")})`);
  }
}

function checkOptionalString(value: Record<string, unknown>, place: string, key: string): void {
  if (value[key] !== undefined && typeof value[key] !== "string") fail(place === "" ? key : `${place}.${key}`, "expected a string");
}

function isSchema(value: unknown): boolean {
  return isRecord(value) && isRecord(value._zod) && isRecord(value._zod.def);
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null;
}

function fail(place: string, problem: string): never {
  throw new ContractDefinitionError(place, problem);
}
