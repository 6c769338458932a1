import { ContractError } from "@socket-contract/contract";

/**
 * The typed error behind a refused connection: the server's middleware or `auth` check sends
 * `data: { code, message }` with `connect_error`. `undefined` for connection failures that did not
 * come from the contract (network errors, for instance).
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
  return new ContractError(code, { message, data: (data as { data?: unknown }).data, cause: error });
}
