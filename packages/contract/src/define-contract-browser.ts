import { ContractDefinitionError } from "./definition-error.js";
import { MARKER } from "./define-contract.js";
import { isContractSchema } from "./schema-kind.js";
import type { Contract, ContractShape } from "./types.js";

/**
 * `defineContract` as a browser bundle gets it (export condition "browser"): it checks the shape
 * the client runtime reads (a name, a version, namespaces of events whose arguments, ack, stream
 * and errors are schemas) and marks the contract, and leaves the rest of the rules (reserved
 * names, error codes, namespace patterns, unknown keys, async schemas) to Node, where the server,
 * the generator and the tests import the same contract and refuse a broken one at import time. A
 * page so carries about 1.8 KB less; what it binds is still a checked shape.
 *
 * @example
 * export const contract = defineContract({
 *   name: "chat",
 *   version: "1.0.0",
 *   namespaces: { "/chat": { clientToServer: { ping: { args: [], ack: z.literal("pong") } } } },
 * });
 */
export function defineContract<const TDefinition extends ContractShape>(
  definition: TDefinition,
): Contract<TDefinition> {
  const { name, version, namespaces } = definition as Partial<ContractShape>;
  if (typeof name !== "string" || typeof version !== "string") fail("", "expected a name and a version");
  if (typeof namespaces !== "object" || namespaces === null) fail("namespaces", "expected an object");
  for (const [path, namespace] of Object.entries(namespaces)) {
    for (const direction of ["clientToServer", "serverToClient"] as const)
      checkEvents(namespace?.[direction], `namespaces[${JSON.stringify(path)}].${direction}`);
  }
  checkEvents(definition.serverToServer, "serverToServer");
  return Object.freeze({ ...definition, "~contract": MARKER }) as Contract<TDefinition>;
}

function checkEvents(events: unknown, place: string): void {
  for (const [name, event] of Object.entries(events ?? {})) {
    const at = `${place}[${JSON.stringify(name)}]`;
    if (!Array.isArray(event?.args)) fail(`${at}.args`, "expected an array of schemas (use [] for none)");
    const schemas = [...event.args, event.ack, event.stream, ...Object.values(event.errors ?? {})];
    if (schemas.some((schema) => schema !== undefined && !isContractSchema(schema))) fail(at, "expected schemas");
  }
}

function fail(place: string, problem: string): never {
  throw new ContractDefinitionError(place, problem);
}
