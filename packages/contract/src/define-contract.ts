import { ContractDefinitionError } from "./definition-error.js";
import { ERROR_CODE_PATTERN, isBuiltInErrorCode } from "./error-codes.js";
import {
  type NamespacePattern,
  type PatternProblem,
  isNamespacePattern,
  overlapOf,
  readNamespacePattern,
} from "./namespace-pattern.js";
import { isContractSchema, isZodSchema, validatesAsynchronously } from "./schema-kind.js";
import { streamOfInfo } from "./stream-of.js";
import type { Contract, ContractMarker, ContractShape } from "./types.js";

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

/** @internal The mark `defineContract` puts on a contract (shared with the browser build). */
export const MARKER: ContractMarker = Object.freeze({ kind: "socket-contract", revision: 1 });

/**
 * Checks a contract definition and returns it, marked as a contract. Every broken rule throws a
 * `ContractDefinitionError` that names the exact place, so a mistake fails at import time.
 *
 * A schema may be Zod's or any Standard Schema v1 value (Valibot, ArkType, ...), mixed freely; one
 * that validates asynchronously is refused. A namespace key may hold `:name` parameters
 * (`"/org/:orgId"`, checked by an optional `params` schema); two keys that can match the same
 * concrete path are refused.
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
export function defineContract<const TDefinition extends ContractShape>(
  definition: TDefinition,
): Contract<TDefinition> {
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
  if (typeof definition.version !== "string" || definition.version.trim() === "")
    fail("version", "expected a non-empty string");
  checkOptionalString(definition, "", "description");
  if (!isRecord(definition.namespaces)) fail("namespaces", "expected an object of namespaces keyed by path");
  const paths = Object.keys(definition.namespaces);
  if (paths.length === 0) fail("namespaces", "declare at least one namespace");
  for (const path of paths) checkNamespace(path, definition.namespaces[path]);
  checkOverlaps(paths);
  if (definition.serverToServer !== undefined) checkEvents(definition.serverToServer, "serverToServer", false);
}

function checkNamespace(path: string, namespace: unknown): void {
  const place = `namespaces[${JSON.stringify(path)}]`;
  if (!path.startsWith("/")) fail(place, 'a namespace path starts with "/"');
  const pattern = readNamespacePattern(path);
  if ("problem" in pattern) fail(place, patternProblem(pattern));
  if (!isRecord(namespace)) fail(place, "expected an object");
  checkKeys(namespace, place, ["description", "params", "auth", "data", "clientToServer", "serverToClient"]);
  checkOptionalString(namespace, place, "description");
  if (namespace.params !== undefined) checkParams(path, namespace.params, `${place}.params`);
  for (const key of ["auth", "data"] as const) {
    if (namespace[key] !== undefined) checkSchema(namespace[key], `${place}.${key}`);
  }
  for (const direction of ["clientToServer", "serverToClient"] as const) {
    if (namespace[direction] !== undefined) checkEvents(namespace[direction], `${place}.${direction}`, true);
  }
}

/** A namespace key's problem, in words. */
function patternProblem(problem: PatternProblem): string {
  if (problem.problem === "empty segment") return "a path with parameters cannot have an empty segment";
  const { segment } = problem;
  switch (problem.problem) {
    case "colon inside":
      return `segment "${segment}": a ":name" parameter fills a whole segment (":" is kept for parameters)`;
    case "bad name":
      return `parameter "${segment}" must be ":" and a name of letters, digits or "_" filling the whole segment`;
    case "__proto__":
      return 'a parameter cannot be named "__proto__"';
    case "repeated":
      return `parameter "${segment}" appears twice`;
  }
}

function checkEvents(events: unknown, place: string, streams: boolean): void {
  if (!isRecord(events)) fail(place, "expected an object of events keyed by name");
  for (const name of Object.keys(events)) {
    const eventPlace = `${place}[${JSON.stringify(name)}]`;
    if (name === "") fail(eventPlace, "an event name cannot be empty");
    if (RESERVED_EVENT_NAMES.includes(name)) fail(eventPlace, `"${name}" is reserved by Socket.IO or by this protocol`);
    if (name.startsWith(RESERVED_EVENT_PREFIX))
      fail(eventPlace, `names starting with "${RESERVED_EVENT_PREFIX}" are reserved by this protocol`);
    checkEvent(events[name], eventPlace, streams);
  }
}

function checkEvent(event: unknown, place: string, streams: boolean): void {
  if (!isRecord(event)) fail(place, "expected an object with `args`");
  checkKeys(event, place, ["description", "args", "ack", "stream", "errors"]);
  checkOptionalString(event, place, "description");
  if (!Array.isArray(event.args)) fail(`${place}.args`, "expected an array of schemas (use [] for none)");
  event.args.forEach((arg: unknown, index: number) => {
    const argPlace = `${place}.args[${index}]`;
    checkSchema(arg, argPlace);
    const stream = streamOfInfo(arg);
    if (stream === undefined) return;
    if (!streams) fail(argPlace, "server-to-server events cannot stream (serverSideEmit has no stream)");
    if (index !== event.args.length - 1) fail(argPlace, "streamOf() can only be an event's last argument");
    checkSchema(stream.item, `${argPlace}.item`);
  });
  if (event.ack !== undefined) checkSchema(event.ack, `${place}.ack`);
  if (event.stream !== undefined) {
    if (!streams) fail(`${place}.stream`, "server-to-server events cannot stream (serverSideEmit has no stream)");
    checkSchema(event.stream, `${place}.stream`);
    if (streamOfInfo(event.stream) !== undefined)
      fail(`${place}.stream`, "items cannot themselves be streams: give the item schema");
  }
  if (event.ack !== undefined && streamOfInfo(event.ack) !== undefined)
    fail(`${place}.ack`, "an acknowledgement cannot be a stream: use `stream`");
  if (event.errors === undefined) return;
  if (!isRecord(event.errors)) fail(`${place}.errors`, "expected an object of schemas keyed by error code");
  for (const code of Object.keys(event.errors)) {
    const codePlace = `${place}.errors[${JSON.stringify(code)}]`;
    if (!ERROR_CODE_PATTERN.test(code)) fail(codePlace, "an error code is UPPER_SNAKE_CASE");
    if (isBuiltInErrorCode(code)) fail(codePlace, `"${code}" is a built-in error code`);
    checkSchema(event.errors[code], codePlace);
  }
}

/** A schema is Zod or any Standard Schema v1 value, and validates synchronously. */
function checkSchema(value: unknown, place: string): void {
  if (!isContractSchema(value))
    fail(place, "expected a schema (Zod, or any Standard Schema v1 value such as Valibot or ArkType)");
  if (validatesAsynchronously(value)) {
    fail(
      place,
      "this schema validates asynchronously; a contract takes synchronous schemas only (move async checks into the handler)",
    );
  }
}

/** `params` belongs to a path with parameters; a Zod object must declare exactly those names. */
function checkParams(path: string, params: unknown, place: string): void {
  if (!isNamespacePattern(path)) fail(place, 'only a path with ":name" parameters takes `params`');
  checkSchema(params, place);
  const pattern = readNamespacePattern(path) as NamespacePattern;
  const def = isZodSchema(params) ? (params._zod.def as { type: string; shape?: Record<string, unknown> }) : undefined;
  if (def === undefined) return;
  if (def.type !== "object" || def.shape === undefined)
    fail(place, "expected an object schema keyed by the parameter names");
  const declared = Object.keys(def.shape).sort().join(", ");
  const names = [...pattern.paramNames].sort().join(", ");
  if (declared !== names) fail(place, `declares ${declared || "no keys"}, the path's parameters are ${names}`);
}

/** Two keys that can match one concrete path would leave it to chance which namespace serves it. */
function checkOverlaps(paths: readonly string[]): void {
  const patterns = paths.map((path) => readNamespacePattern(path) as NamespacePattern);
  for (let i = 0; i < patterns.length; i++) {
    for (let j = i + 1; j < patterns.length; j++) {
      if (!isNamespacePattern(paths[i]!) && !isNamespacePattern(paths[j]!)) continue;
      const both = overlapOf(patterns[i]!, patterns[j]!);
      if (both !== undefined) {
        fail(
          `namespaces[${JSON.stringify(paths[j])}]`,
          `can match the same paths as namespaces[${JSON.stringify(paths[i])}] (for example "${both}")`,
        );
      }
    }
  }
}

function checkKeys(value: Record<string, unknown>, place: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      fail(
        place === "" ? key : `${place}.${key}`,
        `unknown key (expected one of ${allowed.filter((k) => k !== "~contract").join(", ")})`,
      );
  }
}

function checkOptionalString(value: Record<string, unknown>, place: string, key: string): void {
  if (value[key] !== undefined && typeof value[key] !== "string")
    fail(place === "" ? key : `${place}.${key}`, "expected a string");
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null;
}

function fail(place: string, problem: string): never {
  throw new ContractDefinitionError(place, problem);
}
