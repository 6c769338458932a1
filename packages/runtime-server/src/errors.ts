import { ContractError } from "@socket-contract/contract";
import { errorFanOut } from "@socket-contract/contract/internal";
import type { ErrorContext, ErrorHandler } from "./types.js";

/** Where the server's errors go: the `onError` option (which can never take the server down), else `printServerBugs`. */
export function createReporter(
  onError: ErrorHandler | undefined,
): (error: ContractError, context: ErrorContext) => void {
  const fanOut = errorFanOut(printServerBugs);
  if (onError !== undefined) fanOut.add(onError);
  return fanOut.report;
}

/** The server's default: it prints its own bugs only; refused client input is anyone's to send, and not printed. */
function printServerBugs(error: ContractError, context: ErrorContext): void {
  if (error.code === "HANDLER_ERROR" || error.code === "INVALID_ACK") {
    console.error(
      `[socket-contract] ${error.code} in ${context.namespace} ${context.event ?? ""}: ${error.message}`,
      error.cause ?? "",
    );
  }
}

/** Tells `onError` that a connection listener threw or rejected. */
export function listenerFailed(
  runtime: { readonly namespace: string; readonly report: (error: ContractError, context: ErrorContext) => void },
  socketId: string,
  cause: unknown,
): void {
  const error = new ContractError("HANDLER_ERROR", {
    message: "A connection listener failed.",
    cause,
    namespace: runtime.namespace,
  });
  runtime.report(error, { namespace: runtime.namespace, socketId });
}
