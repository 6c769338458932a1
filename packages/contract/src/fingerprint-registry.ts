import type { ContractDefinition } from "./types.js";

const filed = new WeakMap<object, string>();
let compute: ((contract: ContractDefinition) => string) | undefined;

/**
 * Files a fingerprint computed ahead of time (by `socket-contract generate`) for a contract, so
 * `contractFingerprint` returns it without reading the schemas, and a browser bundle binds the
 * contract without the code that computes it. Internal: for generated code.
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

/** Sets how a contract's fingerprint is computed when none is filed (see `installFingerprints`). */
export function setFingerprintComputer(computer: (contract: ContractDefinition) => string): void {
  compute = computer;
}

/**
 * The fingerprint the handshake sends and compares: the filed one, else computed (`bindServer` and
 * `bindClient` install the computation). Throws a `TypeError` where it is neither, which no bound
 * peer reaches.
 */
export function fingerprintFor(contract: ContractDefinition): string {
  const fingerprint = filed.get(contract) ?? compute?.(contract);
  if (fingerprint === undefined)
    throw new TypeError(
      `[socket-contract] contract "${contract.name}" has no fingerprint in this bundle: bind it with bindServer or bindClient, which compute it`,
    );
  return fingerprint;
}
