import { ContractError } from "../contract-error.js";
import { contractFingerprint } from "../fingerprint.js";
import { filedFingerprint } from "../fingerprint-registry.js";
import type { Carrier } from "../interceptor.js";
import type { ContractDefinition } from "../types.js";
import { CARRIER_KEY, readCarrier } from "./carrier.js";

/**
 * The key of the handshake `auth` object under which a client runtime says which contract it was
 * built from. The server runtime takes it out before the namespace's `auth` schema sees the rest.
 */
export const HANDSHAKE_KEY = "~contract";

/** Which contract one side was built from. Two sides speak the same contract when name and fingerprint agree. */
export interface ContractIdentity {
  readonly name: string;
  readonly version: string;
  readonly fingerprint: string;
}

/** The `data` of a `CONTRACT_MISMATCH` error: the client's identity (`undefined` when it sent none) and the server's. */
export interface ContractMismatchData {
  readonly client: ContractIdentity | undefined;
  readonly server: ContractIdentity;
}

const MAX_TEXT = 200;

/** The identity of a contract, as both runtimes send and compare it (the fingerprint filed by generated code, else computed once). */
export function identityOf(contract: ContractDefinition): ContractIdentity {
  return { name: contract.name, version: contract.version, fingerprint: contractFingerprint(contract) };
}

/**
 * The identity of a contract whose fingerprint generated code filed (`registerFingerprint`), or
 * `undefined`. It reads no schema: a page whose clients are all generated carries no fingerprint
 * computation.
 */
export function filedIdentityOf(contract: ContractDefinition): ContractIdentity | undefined {
  const fingerprint = filedFingerprint(contract);
  return fingerprint === undefined ? undefined : { name: contract.name, version: contract.version, fingerprint };
}

/**
 * Splits a received handshake `auth` into the identity the client claims (read as untrusted input:
 * three short strings or nothing), the rest, which is what the namespace's `auth` schema checks,
 * and the trace context carrier of the attempt when the client declared that its events carry one
 * (`undefined` otherwise, as from any plain Socket.IO client).
 */
export function splitHandshake(auth: unknown): {
  identity: ContractIdentity | undefined;
  auth: unknown;
  carrier: Readonly<Carrier> | undefined;
} {
  if (typeof auth !== "object" || auth === null || !Object.hasOwn(auth, HANDSHAKE_KEY))
    return { identity: undefined, auth, carrier: undefined };
  const { [HANDSHAKE_KEY]: claimed, ...rest } = auth as Record<string, unknown>;
  return { identity: readIdentity(claimed), auth: rest, carrier: declaredCarrier(claimed) };
}

function declaredCarrier(claimed: unknown): Readonly<Carrier> | undefined {
  if (typeof claimed !== "object" || claimed === null || !Object.hasOwn(claimed, CARRIER_KEY)) return undefined;
  const carrier = (claimed as Record<string, unknown>)[CARRIER_KEY];
  return typeof carrier === "object" && carrier !== null ? readCarrier(carrier) : undefined;
}

/** An identity read from untrusted input, or `undefined` when it is not one. */
export function readIdentity(value: unknown): ContractIdentity | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { name, version, fingerprint } = value as Record<string, unknown>;
  if (typeof name !== "string" || typeof version !== "string" || typeof fingerprint !== "string") return undefined;
  return {
    name: name.slice(0, MAX_TEXT),
    version: version.slice(0, MAX_TEXT),
    fingerprint: fingerprint.slice(0, MAX_TEXT),
  };
}

/** Whether two identities name the same wire shape; the version is a label and may differ. */
export function sameContract(client: ContractIdentity | undefined, server: ContractIdentity): boolean {
  return client !== undefined && client.name === server.name && client.fingerprint === server.fingerprint;
}

/**
 * The error a refused client gets, carrying both identities so that an app can say what to do; the
 * server's `onError` is told the same, `"accepted"` when the policy let the client in.
 */
export function mismatchError(
  client: ContractIdentity | undefined,
  server: ContractIdentity,
  options: { namespace?: string; outcome?: "refused" | "accepted" } = {},
): ContractError<"CONTRACT_MISMATCH", ContractMismatchData> {
  const theirs =
    client === undefined
      ? "a client that did not say which contract it was built from"
      : client.name === server.name && client.version === server.version
        ? // Same label, another wire shape (the fingerprint differs): say so, or the message reads "1.0.0 refused 1.0.0".
          `a client built for another wire shape of ${client.name} ${client.version}`
        : `a client built for ${client.name} ${client.version}`;
  return new ContractError("CONTRACT_MISMATCH", {
    message: `The server speaks ${server.name} ${server.version} and ${options.outcome ?? "refused"} ${theirs}.`,
    data: { client, server },
    namespace: options.namespace,
  });
}

/** The mismatch data of a refused connection, read from untrusted input, or `undefined`. */
export function readMismatchData(value: unknown): ContractMismatchData | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { client, server } = value as Record<string, unknown>;
  const serverIdentity = readIdentity(server);
  if (serverIdentity === undefined) return undefined;
  return { client: readIdentity(client), server: serverIdentity };
}
