import { contractFingerprint as fingerprintOf } from "./fingerprint.js";
import { installStandardSchema } from "./protocol/install-standard-schema.js";
import type { ContractDefinition } from "./types.js";

/**
 * A stable hash of a contract's wire shape (see `fingerprint.ts`), as the Node entry gives it: a
 * contract with schemas of other libraries (Valibot, ArkType) is read with the Standard Schema
 * support, installed here, as the Node runtimes install it when they bind. The browser entry gives
 * `fingerprint.ts`'s, which reads such a schema once a page has called `enableStandardSchema()`.
 *
 * @example
 * contractFingerprint(contract); // "fnv1a64:5b1f0c2e9d3a7780"
 */
export function contractFingerprint(contract: ContractDefinition): string {
  installStandardSchema();
  return fingerprintOf(contract);
}
