import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ContractIssue } from "../contract-error.js";

/**
 * What the runtime does with a schema that is not Zod's (Valibot, ArkType, any Standard Schema v1
 * value): parse through `~standard.validate`, and read its Standard JSON Schema for how deep it
 * may nest, whether its parsed value may travel, and what it adds to the contract's fingerprint. Reached only through this support, so a
 * browser bundle whose contract is all Zod carries none of it: the server and the Node client
 * install it when they bind, a page calls `enableStandardSchema()` (the generated `bind...Client`
 * of such a contract does).
 */
export interface StandardSupport {
  parse(
    schema: StandardSchemaV1,
    value: unknown,
    prefix: readonly (string | number)[],
  ): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: ContractIssue[] };
  /** Whether parsing may descend into input without a bound the schema sets (see `mayNestWithoutBound`). */
  mayNestWithoutBound(schema: StandardSchemaV1): boolean;
  /** Whether its parsed value may travel in place of the value given (see `sendsParsedValue`). */
  sendsParsedValue(schema: StandardSchemaV1): boolean;
  /** What it adds to the contract's fingerprint (see `standardShapeOf`). */
  shapeOf(schema: StandardSchemaV1): unknown;
}

let support: StandardSupport | undefined;

/** Installs the Standard Schema support (see `installStandardSchema`). */
export function setStandardSupport(installed: StandardSupport): void {
  support = installed;
}

/** The Standard Schema support; throws a `TypeError` saying what to do where it was never installed. */
export function standardSupport(): StandardSupport {
  if (support === undefined)
    throw new TypeError(
      "[socket-contract] a schema of this contract is not Zod's (Valibot, ArkType, ...), and this bundle has no Standard Schema support: call enableStandardSchema() from @socket-contract/client before bindClient",
    );
  return support;
}
