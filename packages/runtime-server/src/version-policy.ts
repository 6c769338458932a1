import { type ContractDefinition, ContractError, type ContractIdentity } from "@socket-contract/contract";
import { identityOf, mismatchError, sameContract } from "@socket-contract/contract/internal";
import type { ErrorContext, VersionPolicy } from "./types.js";

/** Checks the identity a connecting client claims; throws the error its `connect_error` carries. */
export type VersionCheck = (client: ContractIdentity | undefined, context: ErrorContext) => Promise<void>;

/**
 * Applies the `versionPolicy` option to each handshake. A client on the server's own contract
 * (same name and fingerprint) is always admitted. Otherwise `"accept"` admits it and tells
 * `onError` (a client that sent no identity, such as a plain Socket.IO client, is admitted
 * silently), `"reject"` refuses it with `CONTRACT_MISMATCH`, and a function decides.
 */
export function versionCheck(
  contract: ContractDefinition,
  policy: VersionPolicy,
  report: (error: ContractError, context: ErrorContext) => void,
): VersionCheck {
  let server: ContractIdentity | undefined;
  return async (client, context) => {
    // The fingerprint is computed on the first handshake, not in bindServer: most servers never need it before.
    server ??= identityOf(contract);
    if (sameContract(client, server)) return;
    if (policy === "accept" && client === undefined) return;
    let accepted: boolean;
    if (policy === "accept" || policy === "reject") accepted = policy === "accept";
    else {
      try {
        accepted = (await policy(client, server)) === true;
      } catch (cause) {
        report(
          new ContractError("HANDLER_ERROR", {
            message: "The versionPolicy function failed.",
            cause,
            namespace: context.namespace,
          }),
          context,
        );
        throw new ContractError("HANDLER_ERROR");
      }
    }
    const mismatch = mismatchError(client, server, {
      namespace: context.namespace,
      outcome: accepted ? "accepted" : "refused",
    });
    report(mismatch, context);
    if (!accepted) throw mismatch;
  };
}
