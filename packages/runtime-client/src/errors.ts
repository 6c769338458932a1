import { ContractError, type ContractMismatchData } from "@socket-contract/contract";
import { type ReportContext, readConnectError, readMismatchData } from "@socket-contract/contract/internal";

/** The error of a connection refused because the client was built for another contract. */
export type ContractMismatchError = ContractError<"CONTRACT_MISMATCH", ContractMismatchData>;

/**
 * The typed error behind a refused connection: the server's middleware or `auth` check sends
 * `data: { code, message }` with `connect_error`, and a version refusal adds the two contract
 * identities as `data` (see `isContractMismatch`). `undefined` for connection failures that did
 * not come from the contract (network errors, for instance).
 *
 * @example
 * chat.socket.on("connect_error", (error) => {
 *   const refused = connectErrorOf(error);
 *   if (refused?.code === "UNAUTHORIZED") showLogin();
 * });
 */
export const connectErrorOf: (error: unknown) => ContractError | undefined = readConnectError;

/**
 * Whether an error is a refusal for being built from another contract, with both identities as
 * typed `data`: the moment to ask the user to reload.
 *
 * @example
 * chat.onError((error) => {
 *   if (isContractMismatch(error)) showBanner(`Version ${error.data.server.version} is out: please reload.`);
 * });
 */
export function isContractMismatch(error: unknown): error is ContractMismatchError {
  return ContractError.is(error, "CONTRACT_MISMATCH") && readMismatchData(error.data) !== undefined;
}

/** A client's default, while no `onError` handler is added: it warns of every error, since each one is its own app's. */
export function warnEveryError(error: ContractError, context: ReportContext): void {
  console.warn(`[socket-contract] ${error.code} on ${context.namespace} ${error.event ?? ""}: ${error.message}`);
}
