import { ContractError } from "../contract-error.js";
import { readIssues } from "./envelope.js";
import { readMismatchData } from "./handshake.js";

/**
 * What a refused connection carries to the client as `connect_error`'s `data`: the refusal's code
 * and message, plus a `ContractError`'s own `issues` and `data` when it has some (the refused
 * parameters of a dynamic namespace, the two identities of a `CONTRACT_MISMATCH`). The server
 * writes it (`connectError`), the client reads it (`readConnectError`).
 */
export interface ConnectErrorData {
  readonly code: string;
  readonly message: string;
  readonly issues?: unknown;
  readonly data?: unknown;
}

/**
 * The error a refused connection gets: Socket.IO hands the client `message` and `data`. Only a
 * `ContractError`'s own code, message, issues and data leave; anything else thrown becomes a
 * plain `UNAUTHORIZED`, with no internal text.
 */
export function connectError(thrown: unknown): Error & { data: ConnectErrorData } {
  const error = ContractError.is(thrown) ? thrown : new ContractError("UNAUTHORIZED");
  const data: { -readonly [K in keyof ConnectErrorData]: ConnectErrorData[K] } = {
    code: error.code,
    message: error.message,
  };
  if (error.issues !== undefined) data.issues = error.issues;
  if (error.data !== undefined) data.data = error.data;
  return Object.assign(new Error(error.message), { data });
}

/**
 * The typed error behind a `connect_error`, or `undefined` for a failure that did not come from
 * the contract (a network error). Issues (a dynamic namespace's refused parameters) keep only
 * well-formed entries. The identities of a `CONTRACT_MISMATCH` come from the network:
 * they are read field by field, so the typed `data` holds what its type says.
 */
export function readConnectError(error: unknown): ContractError | undefined {
  const data = (error as { data?: unknown } | null)?.data;
  if (typeof data !== "object" || data === null) return undefined;
  const { code, message } = data as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  const details = (data as { data?: unknown }).data;
  return new ContractError(code, {
    message,
    issues: readIssues((data as { issues?: unknown }).issues),
    data: code === "CONTRACT_MISMATCH" ? readMismatchData(details) : details,
    cause: error,
  });
}
