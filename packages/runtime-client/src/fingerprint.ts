import { installFingerprints } from "@socket-contract/contract/internal";

/**
 * Lets a bound client compute its contract's fingerprint, which the handshake sends so the server
 * can tell a client built from another contract. The Node entry does it by itself, and the
 * generated `bind...Client` files the fingerprint the generator computed, so neither needs this;
 * a page that binds a hand-written contract calls it once before `bindClient` (the code reads
 * every schema of the contract: ~0.9 KB gzipped). `bindClient` throws a `TypeError` saying so
 * when the contract has no fingerprint and this was not called.
 *
 * @example
 * enableFingerprint();
 * const chat = bindClient(contract, "/chat", io("/chat"));
 */
export function enableFingerprint(): void {
  installFingerprints();
}
