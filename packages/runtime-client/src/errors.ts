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
 * The raw error a socket's `connect_error` listener receives for a version refusal: socket.io-client
 * hands over the server's `data`, `{ code, message, data: { client, server } }`.
 */
type ContractMismatchConnectError = Error & {
  readonly data: { readonly code: "CONTRACT_MISMATCH"; readonly message: string; readonly data: ContractMismatchData };
};

/**
 * What `isContractMismatch` narrows to: a `ContractError` or an unknown value to the typed error; the
 * error of a `connect_error` listener (socket.io-client's `ExtendedError`, whose `data` is `any`) to
 * the raw form, its `data` replaced rather than intersected (an intersection with `any` is `any`);
 * any other error to either form, since a `ContractError` may stand there too.
 */
type MismatchOf<T> = T extends ContractError
  ? T & ContractMismatchError
  : unknown extends T
    ? T & ContractMismatchError
    : T extends { data?: infer TData }
      ? 0 extends 1 & TData
        ? Omit<T, "data"> & ContractMismatchConnectError
        : T & (ContractMismatchError | ContractMismatchConnectError)
      : T & (ContractMismatchError | ContractMismatchConnectError);

/**
 * Whether an error is a refusal for being built from another contract, with both identities as
 * typed data: the moment to ask the user to reload. It reads a `ContractError` (what `onError`,
 * a rejected call or `connectErrorOf` give) and the raw error of a `connect_error` listener, whose
 * identities socket.io-client keeps under `data.data`.
 *
 * @example
 * chat.onError((error) => {
 *   if (isContractMismatch(error)) showBanner(`Version ${error.data.server.version} is out: please reload.`);
 * });
 * chat.socket.on("connect_error", (error) => {
 *   if (isContractMismatch(error)) showBanner(`Version ${error.data.data.server.version} is out: please reload.`);
 * });
 */
export function isContractMismatch<T>(error: T): error is MismatchOf<T> {
  const refusal = ContractError.is(error) ? error : readConnectError(error);
  return refusal?.code === "CONTRACT_MISMATCH" && readMismatchData(refusal.data) !== undefined;
}

/**
 * A client's default, while no `onError` handler is added: it warns of every error, since each one
 * is its own app's, except an unknown event seen again on a connection (the fan-out does not call it then).
 */
export function warnEveryError(error: ContractError, context: ReportContext): void {
  console.warn(`[socket-contract] ${error.code} on ${context.namespace} ${error.event ?? ""}: ${error.message}`);
}
