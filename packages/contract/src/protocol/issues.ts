import type * as core from "zod/v4/core";
import type { ContractIssue } from "../contract-error.js";

/** At most this many issues travel back, so a huge invalid input cannot make a huge answer. */
export const MAX_ISSUES = 20;

/**
 * Turns Zod issues into wire issues under `prefix` (the argument's index). Messages come from the
 * schema, never from the input: the one Zod message that names input (unknown keys) is replaced.
 */
export function toContractIssues(issues: readonly core.$ZodIssue[], prefix: readonly (string | number)[], into: ContractIssue[] = []): ContractIssue[] {
  for (const issue of issues) {
    if (into.length >= MAX_ISSUES) break;
    const path: (string | number)[] = [...prefix];
    for (const key of issue.path) path.push(typeof key === "number" ? key : String(key));
    const message = issue.code === "unrecognized_keys" ? "Unrecognized key in object" : issue.message;
    into.push({ path, code: issue.code, message });
  }
  return into;
}
