import { ContractError } from "@socket-contract/contract";
import type { ErrorContext, ErrorHandler } from "./types.js";

/** Sends an error to the user's `onError`, which must never be able to take the server down. */
export function createReporter(onError: ErrorHandler | undefined): (error: ContractError, context: ErrorContext) => void {
  const handler = onError ?? defaultOnError;
  return (error, context) => {
    try {
      handler(error, context);
    } catch (thrown) {
      console.error("[socket-contract] onError threw", thrown);
    }
  };
}

function defaultOnError(error: ContractError, context: ErrorContext): void {
  if (error.code === "HANDLER_ERROR" || error.code === "INVALID_ACK") {
    console.error(`[socket-contract] ${error.code} in ${context.namespace} ${context.event ?? ""}: ${error.message}`, error.cause ?? "");
  }
}

/**
 * The error a refused connection gets: Socket.IO hands the client `message` and `data`, and `data`
 * is `{ code, message }`, plus the error's own `issues` and `data` when a `ContractError` carries
 * some (the refused parameters of a dynamic namespace, the two identities of a `CONTRACT_MISMATCH`). Only a `ContractError`'s own code, message and data leave;
 * anything else thrown becomes a plain `UNAUTHORIZED`.
 */
export function connectError(thrown: unknown): Error & { data: { code: string; message: string; issues?: unknown; data?: unknown } } {
  const error = ContractError.is(thrown) ? thrown : new ContractError("UNAUTHORIZED");
  const data: { code: string; message: string; issues?: unknown; data?: unknown } = { code: error.code, message: error.message };
  if (error.issues !== undefined) data.issues = error.issues;
  if (error.data !== undefined) data.data = error.data;
  return Object.assign(new Error(error.message), { data });
}
