import { ContractError } from "@socket-contract/contract";
import type { Namespace } from "socket.io";
import type { ErrorContext } from "./types.js";

/**
 * Reports every "error" a namespace's adapter emits through `onError`, as `HANDLER_ERROR` whose
 * `cause` is what the adapter emitted. An adapter is an EventEmitter, and an "error" event that
 * nobody listens to throws, ending the process; Socket.IO itself never listens. Listening is
 * what lets a node keep serving its own clients while the adapter's backend (Redis, say) is away,
 * and it gives the application one place to send its adapter clients' errors:
 * `redisClient.on("error", (error) => io.of("/").adapter.emit("error", error))`.
 *
 * The listener is on the adapter in place when `bindServer` runs: set the adapter first.
 */
export function reportAdapterErrors(
  namespace: Namespace,
  report: (error: ContractError, context: ErrorContext) => void,
): void {
  namespace.adapter.on("error", (cause: unknown) => {
    report(
      new ContractError("HANDLER_ERROR", {
        message: "The Socket.IO adapter reported an error.",
        cause,
        namespace: namespace.name,
      }),
      { namespace: namespace.name },
    );
  });
}

/** One listener for every child namespace's adapter errors (the adapter is `this`), not one closure per tenant. */
export function childAdapterErrors(
  report: (error: ContractError, context: ErrorContext) => void,
): (this: { nsp: Namespace }, cause: unknown) => void {
  return function (cause) {
    const namespace = this.nsp.name;
    report(
      new ContractError("HANDLER_ERROR", { message: "The Socket.IO adapter reported an error.", cause, namespace }),
      { namespace },
    );
  };
}
