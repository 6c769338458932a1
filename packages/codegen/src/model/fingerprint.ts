import { createHash } from "node:crypto";
import type { ContractModel } from "./contract-model.js";

/**
 * A stable hash of a contract's shape: namespaces, events, argument, ack and error types, and the
 * names of the generated types. Descriptions, the version and key order do not change it, so two
 * sides built from the same shape can compare fingerprints at start-up.
 *
 * @example
 * fingerprintOf(model); // "sha256:3f1c..."
 */
export function fingerprintOf(model: Omit<ContractModel, "fingerprint">): string {
  const shape = JSON.stringify({ namespaces: model.namespaces, interServer: model.interServer }, (key, value: unknown) =>
    key === "description" ? undefined : value,
  );
  return `sha256:${createHash("sha256").update(shape).digest("hex")}`;
}
