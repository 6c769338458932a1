import type { Contract } from "@socket-contract/contract";
import type { JsonSchema } from "../asyncapi/json-schema.js";
import {
  type Direction,
  type WireContract,
  type WireContractOptions,
  type WireNamespace,
  wireContract,
} from "../asyncapi/wire-contract.js";
import { type Audience, type Verdict, classify, verdict } from "./classify.js";
import type { CompareContext } from "./compare-schemas.js";
import { type SchemaChange, compareSchemas } from "./compare-schemas.js";
import { diffEvents } from "./diff-events.js";

/** One difference between two contracts, with whom it breaks and why. */
export interface ContractChange {
  readonly severity: "breaking" | "safe";
  /** Empty for a safe change. */
  readonly breaks: readonly Audience[];
  /** The namespace path; absent for the contract itself and `serverToServer` events. */
  readonly namespace?: string;
  readonly direction?: Direction;
  readonly event?: string;
  readonly part:
    | "contract"
    | "namespace"
    | "params"
    | "auth"
    | "data"
    | "event"
    | "args"
    | "ack"
    | "stream"
    | "upload"
    | "errors";
  /** Where in the part: `[0].text` in the arguments, `history[].author` in an ack, `ROOM_FULL.capacity` in errors. */
  readonly path: string;
  readonly change: string;
  readonly reason: string;
}

export interface ContractDiff {
  readonly old: { readonly name: string; readonly version: string };
  readonly new: { readonly name: string; readonly version: string };
  /** Whether any change breaks anyone. */
  readonly breaking: boolean;
  readonly changes: readonly ContractChange[];
}

const DIRECTIONS = ["clientToServer", "serverToClient"] as const;

/**
 * Every difference between two contracts, classified per audience as breaking or safe, with the
 * reason. Values are compared as they travel (the JSON Schema of what a sender may send), so
 * optional fields, unions, enums and literals follow the same rules everywhere.
 *
 * @example
 * const report = diffContracts(oldContract, newContract);
 * if (report.breaking) process.exitCode = 1;
 */
export function diffContracts(
  before: Contract,
  after: Contract,
  options: { readonly old?: WireContractOptions; readonly new?: WireContractOptions } = {},
): ContractDiff {
  return diffWireContracts(wireContract(before, options.old), wireContract(after, options.new));
}

/**
 * `diffContracts` on contracts already in their wire form.
 *
 * @example
 * diffWireContracts(wireContract(before), wireContract(after));
 */
export function diffWireContracts(before: WireContract, after: WireContract): ContractDiff {
  const context: CompareContext = { old: before.schemas, new: after.schemas };
  const changes: ContractChange[] = [];
  const add = (
    where: Partial<ContractChange> & Pick<ContractChange, "part" | "path" | "change">,
    found: Verdict,
  ): void => {
    changes.push({
      severity: found.breaks.length > 0 ? "breaking" : "safe",
      ...where,
      breaks: found.breaks,
      reason: found.reason,
    });
  };
  if (before.name !== after.name) {
    add(
      { part: "contract", path: "", change: `name ${before.name} → ${after.name}` },
      verdict([], 'a label, but servers with versionPolicy "reject" refuse clients of another name'),
    );
  }
  if (before.description !== after.description)
    add({ part: "contract", path: "", change: "description changed" }, verdict([], "documentation only"));
  const oldNamespaces = new Map(before.namespaces.map((namespace) => [namespace.path, namespace]));
  const newNamespaces = new Map(after.namespaces.map((namespace) => [namespace.path, namespace]));
  const renamed = renamedParameters(oldNamespaces, newNamespaces);
  const renamedTo = new Set(renamed.values());
  const paths = [...new Set([...oldNamespaces.keys(), ...newNamespaces.keys()])].sort();
  for (const path of paths) {
    const [was, is] = [oldNamespaces.get(path), newNamespaces.get(path)];
    const renaming = was !== undefined && is === undefined ? renamed.get(path) : undefined;
    if (renaming !== undefined) {
      add(
        {
          namespace: renaming.path,
          part: "namespace",
          path: "",
          change: `path parameters renamed: ${path} → ${renaming.path}`,
        },
        verdict([], "only the concrete path travels (/org/acme); a parameter's name is the server's own"),
      );
      diffNamespace(was!, withParameterNames(renaming, was!.params!.names), context, add);
    } else if (was === undefined && renamedTo.has(is!))
      continue; // compared under its old path
    else if (is === undefined)
      add(
        { namespace: path, part: "namespace", path: "", change: "namespace removed" },
        verdict(["old-clients"], "old clients connect to it; the new server refuses them (Invalid namespace)"),
      );
    else if (was === undefined)
      add(
        { namespace: path, part: "namespace", path: "", change: "namespace added" },
        verdict(["old-servers"], "new clients connect to it; old servers refuse them (Invalid namespace)"),
      );
    else diffNamespace(was, is, context, add);
  }
  for (const change of diffEvents(before.serverToServer, after.serverToServer, "serverToServer", context)) {
    add(
      { direction: "serverToServer", event: change.event, part: change.part, path: change.path, change: change.change },
      change,
    );
  }
  return {
    old: { name: before.name, version: before.version },
    new: { name: after.name, version: after.version },
    breaking: changes.some((change) => change.severity === "breaking"),
    changes,
  };
}

function diffNamespace(
  before: WireNamespace,
  after: WireNamespace,
  context: CompareContext,
  add: (where: Partial<ContractChange> & Pick<ContractChange, "part" | "path" | "change">, found: Verdict) => void,
): void {
  const namespace = before.path;
  if (before.description !== after.description)
    add({ namespace, part: "namespace", path: "", change: "description changed" }, verdict([], "documentation only"));
  // The path's parameters are what a client sends first: a params schema refuses the connection
  // (INVALID_PAYLOAD) before auth. None means every segment is let through as a string.
  for (const change of compareSchemas(paramsSchema(before), paramsSchema(after), context)) {
    add({ namespace, part: "params", path: change.path, change: change.change }, classify("fromClient", change));
  }
  // No auth schema means the server checks none: it accepts any handshake auth.
  for (const change of optionalSchemaChanges("auth", before.auth, after.auth, context)) {
    add({ namespace, part: "auth", path: change.path, change: change.change }, classify("fromClient", change));
  }
  // socket.data never reaches a client, but nodes of a cluster read each other's (fetchSockets).
  for (const change of optionalSchemaChanges("data", before.data, after.data, context)) {
    add({ namespace, part: "data", path: change.path, change: change.change }, classify("betweenServers", change));
  }
  for (const direction of DIRECTIONS) {
    for (const change of diffEvents(before[direction], after[direction], direction, context)) {
      add(
        { namespace, direction, event: change.event, part: change.part, path: change.path, change: change.change },
        change,
      );
    }
  }
}

/**
 * Dynamic namespaces whose path changed only in its parameters' names (`/org/:id` → `/org/:orgId`):
 * the old path's namespace → the new one, where exactly one of each has that shape. A client
 * connects to the same concrete paths under both, so they are compared as one namespace.
 *
 * @example
 * renamedParameters(oldByPath, newByPath).get("/org/:id")?.path; // "/org/:orgId"
 */
function renamedParameters(
  before: ReadonlyMap<string, WireNamespace>,
  after: ReadonlyMap<string, WireNamespace>,
): Map<string, WireNamespace> {
  const shape = (path: string): string => path.replace(/:[^/]+/g, ":");
  const gone = [...before.values()].filter((namespace) => !after.has(namespace.path) && namespace.params !== undefined);
  const come = [...after.values()].filter((namespace) => !before.has(namespace.path) && namespace.params !== undefined);
  const pairs = new Map<string, WireNamespace>();
  for (const was of gone) {
    const matches = come.filter((is) => shape(is.path) === shape(was.path));
    const rivals = gone.filter((other) => shape(other.path) === shape(was.path));
    if (matches.length === 1 && rivals.length === 1) pairs.set(was.path, matches[0]!);
  }
  return pairs;
}

/** A namespace with its path parameters given the names `names` (by position), in its `params` schema too. */
function withParameterNames(namespace: WireNamespace, names: readonly string[]): WireNamespace {
  const params = namespace.params!;
  const rename = new Map(params.names.map((name, index) => [name, names[index]!]));
  const schema = params.schema;
  if (schema === undefined || typeof schema !== "object") return { ...namespace, params: { names } };
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  const required = (schema as { required?: readonly string[] }).required;
  return {
    ...namespace,
    params: {
      names,
      schema: {
        ...schema,
        ...(properties === undefined
          ? {}
          : {
              properties: Object.fromEntries(
                Object.entries(properties).map(([key, value]) => [rename.get(key) ?? key, value]),
              ),
            }),
        ...(required === undefined ? {} : { required: required.map((key) => rename.get(key) ?? key) }),
      },
    },
  };
}

/**
 * What a dynamic namespace's path parameters must match: its `params` schema, or, without one, any
 * string for each name (`{ orgId: string }`). `true` for a namespace with no parameters.
 *
 * @example
 * paramsSchema(wireNamespace); // { type: "object", properties: { orgId: { type: "string" } }, required: ["orgId"] }
 */
function paramsSchema(namespace: WireNamespace): JsonSchema | true {
  if (namespace.params === undefined) return true;
  if (namespace.params.schema !== undefined) return namespace.params.schema;
  const { names } = namespace.params;
  return {
    type: "object",
    properties: Object.fromEntries(names.map((name) => [name, { type: "string" }])),
    required: [...names],
  };
}

/** Changes of a schema a namespace may leave out (`auth`, `data`), where none means "anything". */
function optionalSchemaChanges(
  name: string,
  before: JsonSchema | undefined,
  after: JsonSchema | undefined,
  context: CompareContext,
): SchemaChange[] {
  const changes = compareSchemas(before ?? true, after ?? true, context);
  if ((before === undefined) === (after === undefined) || changes.length === 0) return changes;
  const narrows = changes.some((change) => change.narrows);
  const widens = changes.some((change) => change.widens);
  return [
    { path: "", change: before === undefined ? `${name} schema added` : `${name} schema removed`, narrows, widens },
  ];
}
