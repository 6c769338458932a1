import { ContractError } from "@socket-contract/contract";
import { connectError, parseValue } from "@socket-contract/contract/internal";
import type { Socket } from "socket.io";
import type { NamespaceRuntime } from "./runtime.js";

/**
 * The handshake's `auth` as the contract sees it: parsed by the namespace's `auth` schema (unknown
 * keys stripped, such as Socket.IO's `pid` and `offset`), or as the client sent it when there is
 * none, less its prototype-poisoning keys (see `withoutPoisonKeys`). A value that fails the schema
 * is told to `onError` with its issues and throws a plain `UNAUTHORIZED`, which refuses the
 * connection without saying why.
 */
export function checkAuth(
  runtime: NamespaceRuntime,
  claimed: unknown,
  maxDepth: number | undefined,
  socketId: string,
): unknown {
  if (runtime.auth === undefined) return withoutPoisonKeys(claimed);
  const parsed = parseValue(runtime.auth, claimed, [], maxDepth);
  if (parsed.ok) return parsed.value;
  const error = new ContractError("UNAUTHORIZED", {
    message: "The handshake auth does not match the contract.",
    issues: parsed.issues,
    namespace: runtime.namespace,
  });
  runtime.report(error, { namespace: runtime.namespace, socketId });
  throw new ContractError("UNAUTHORIZED");
}

/**
 * Refuses a connection that Socket.IO already admitted: a socket restored by connection-state
 * recovery skips the namespace's middleware (Socket.IO's default `skipMiddlewares: true`), so its
 * handshake is checked once it is connected. The client gets the `connect_error` a middleware
 * refusal gives (Socket.IO's own CONNECT_ERROR packet, which socket.io-client reads in any state:
 * it stops reconnecting, as for any refusal), then the socket is closed.
 */
export function refuseConnected(raw: Socket, thrown: unknown): void {
  const error = connectError(thrown);
  // Socket.IO's `_error` is how its namespace answers a refused middleware (socket.io/lib/namespace.ts).
  (raw as unknown as { _error(data: unknown): void })._error({ message: error.message, data: error.data });
  raw.disconnect();
}

/**
 * Deletes, in place and at any depth, what a client's JSON can carry to poison a prototype: own
 * `__proto__` keys (JSON.parse makes them plain own keys, which `Object.assign` or a `for...in` copy
 * turns into the copy's prototype) and `constructor` objects holding a `prototype` (the path a deep
 * merge pollutes `Object.prototype` through). Walked without recursion, so any depth a packet holds
 * is fine; bytes are not walked.
 */
function withoutPoisonKeys(value: unknown): unknown {
  const pending = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== "object" || node === null || ArrayBuffer.isView(node)) continue;
    const record = node as Record<string, unknown>;
    // The own key, never the accessor Object.prototype inherits.
    if (Object.hasOwn(record, "__proto__")) Reflect.deleteProperty(record, "__proto__");
    const made = Object.hasOwn(record, "constructor") ? record.constructor : undefined;
    if (typeof made === "object" && made !== null && Object.hasOwn(made, "prototype"))
      Reflect.deleteProperty(record, "constructor");
    for (const key of Object.keys(record)) pending.push(record[key]);
  }
  return value;
}
