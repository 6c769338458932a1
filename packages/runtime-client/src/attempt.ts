import { type Carrier, ContractError } from "@socket-contract/contract";
import {
  type AttemptEnd,
  type InterceptorSet,
  readConnectError,
  runConnection,
} from "@socket-contract/contract/internal";
import type { Socket } from "socket.io-client";

/**
 * The trace context carrier of the current connection attempt, for the handshake's `"~contract"`
 * entry: socket.io-client reads `auth` more than once per CONNECT packet, so one attempt (and the
 * connection interceptors' view of it) lasts from the first read to the `connect` or
 * `connect_error` that answers it, which tells the interceptors the outcome.
 */
export function attemptCarrier(
  socket: Socket,
  namespace: string,
  pattern: string | undefined,
  interceptors: InterceptorSet,
  peer: unknown,
  report: (error: ContractError) => void,
): () => Carrier {
  let current: { carrier: Carrier; end: AttemptEnd | undefined } | undefined;
  const finish = (): AttemptEnd | undefined => {
    const end = current?.end;
    current = undefined;
    return end;
  };
  socket.on("connect", () => finish()?.admitted(new Promise<string>((resolve) => socket.once("disconnect", resolve))));
  socket.on("connect_error", (error) =>
    finish()?.refused(
      readConnectError(error) ??
        new ContractError("DISCONNECTED", { message: "The connection attempt failed.", cause: error, namespace }),
    ),
  );
  return () => {
    if (current !== undefined) return current.carrier;
    const carrier: Carrier = {};
    const end = runConnection(
      interceptors.connection,
      { side: "client", namespace, pattern, id: undefined, carrier, socket: peer },
      report,
    );
    current = { carrier, end };
    return carrier;
  };
}
