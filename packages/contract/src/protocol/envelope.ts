import { ContractError, type ContractIssue } from "../contract-error.js";
import { isBuiltInErrorCode } from "../error-codes.js";

/** The name of the event that reports a refused event which had no acknowledgement to carry the error. */
export const CONTRACT_ERROR_EVENT = "contract:error";

/** An error as it travels on the wire. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly ContractIssue[];
  readonly data?: unknown;
}

/** Every acknowledgement travels in one envelope. */
export type AckEnvelope<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: WireError };

/** The payload of `contract:error`: which event was refused, and why. */
export interface ContractErrorReport extends WireError {
  readonly event: string;
}

export function okEnvelope<T>(data: T): AckEnvelope<T> {
  return { ok: true, data };
}

export function toWireError(error: ContractError): WireError {
  const wire: { code: string; message: string; issues?: readonly ContractIssue[]; data?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.issues !== undefined) wire.issues = error.issues;
  if (error.data !== undefined) wire.data = error.data;
  return wire;
}

export function errorEnvelope(error: ContractError): AckEnvelope<never> {
  return { ok: false, error: toWireError(error) };
}

export function toReport(event: string, error: ContractError): ContractErrorReport {
  return { event, ...toWireError(error) };
}

const MAX_TEXT = 1_000;

/**
 * Reads an error that came over the wire, trusting nothing: a code and a message must be strings,
 * issues keep only well-formed entries, and a built-in code keeps no data (none is ever sent with
 * one). Returns `undefined` when it is not an error at all.
 */
export function fromWireError(
  value: unknown,
  where: { event?: string; namespace?: string },
): ContractError | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { code, message, issues, data } = value as Record<string, unknown>;
  if (typeof code !== "string" || code === "" || typeof message !== "string") return undefined;
  return new ContractError(code.slice(0, 100), {
    message: message.slice(0, MAX_TEXT),
    issues: readIssues(issues),
    data: isBuiltInErrorCode(code) ? undefined : data,
    event: where.event,
    namespace: where.namespace,
  });
}

/** The well-formed issues of a list that came over the wire, or `undefined` when it is not a list. */
export function readIssues(value: unknown): ContractIssue[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const issues: ContractIssue[] = [];
  for (const item of value.slice(0, 100)) {
    if (typeof item !== "object" || item === null) continue;
    const { path, code, message } = item as Record<string, unknown>;
    if (!Array.isArray(path) || typeof code !== "string" || typeof message !== "string") continue;
    const keys = path.filter((key): key is string | number => typeof key === "string" || typeof key === "number");
    issues.push({ path: keys, code, message: message.slice(0, MAX_TEXT) });
  }
  return issues;
}
