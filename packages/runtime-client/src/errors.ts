import { ContractError, type ContractMismatchData } from "@socket-contract/contract";
import { readMismatchData } from "@socket-contract/contract/protocol";

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
export function connectErrorOf(error: unknown): ContractError | undefined {
  const data = (error as { data?: unknown } | null)?.data;
  if (typeof data !== "object" || data === null) return undefined;
  const { code, message } = data as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  const details = (data as { data?: unknown }).data;
  // The identities come from the network: read field by field, so the typed `data` holds what its type says.
  return new ContractError(code, { message, data: code === "CONTRACT_MISMATCH" ? readMismatchData(details) : details, cause: error });
}

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
