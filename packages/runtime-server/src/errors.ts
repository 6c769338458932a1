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
 * is `{ code, message }`. Only a `ContractError`'s own code and message leave; anything else
 * thrown becomes a plain `UNAUTHORIZED`.
 */
export function connectError(thrown: unknown): Error & { data: { code: string; message: string } } {
  const error = ContractError.is(thrown) ? thrown : new ContractError("UNAUTHORIZED");
  return Object.assign(new Error(error.message), { data: { code: error.code, message: error.message } });
}
