import type { ContractDefinition } from "./types.js";

const filed = new WeakMap<object, string>();

/**
 * Files a fingerprint computed ahead of time (by `socket-contract generate`) for a contract, so
 * `contractFingerprint` returns it without reading the schemas. Internal: for generated code.
 *
 * @example
 * registerFingerprint(contract, "fnv1a64:5b1f0c2e9d3a7780");
 */
export function registerFingerprint(contract: ContractDefinition, fingerprint: string): void {
  if (!filed.has(contract)) filed.set(contract, fingerprint);
}

/** The fingerprint filed for a contract (registered, or computed once), if any. */
export function filedFingerprint(contract: ContractDefinition): string | undefined {
  return filed.get(contract);
}
