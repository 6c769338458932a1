import { type Carrier, type ConnectionOutcome, ContractError } from "@socket-contract/contract";
import { type InterceptorSet, readConnectError, runConnection } from "@socket-contract/contract/internal";
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
  interceptors: InterceptorSet,
  peer: unknown,
  report: (error: ContractError) => void,
): () => Carrier {
  let current:
    | { carrier: Carrier; settle: ((outcome: ConnectionOutcome) => void) | undefined; start: number }
    | undefined;
  const end = (outcome: (duration: number) => ConnectionOutcome): void => {
    const attempt = current;
    current = undefined;
    if (attempt?.settle !== undefined) attempt.settle(outcome(performance.now() - attempt.start));
  };
  socket.on("connect", () =>
    end((duration) => ({
      ok: true,
      duration,
      closed: new Promise<string>((resolve) => socket.once("disconnect", resolve)),
    })),
  );
  socket.on("connect_error", (error) => {
    const refused =
      readConnectError(error) ??
      new ContractError("DISCONNECTED", { message: "The connection attempt failed.", cause: error, namespace });
    end((duration) => ({ ok: false, duration, error: refused }));
  });
  return () => {
    if (current !== undefined) return current.carrier;
    const carrier: Carrier = {};
    const start = performance.now();
    const settle = runConnection(
      interceptors.connection,
      { side: "client", namespace, id: undefined, carrier, socket: peer },
      report,
    );
    current = { carrier, settle, start };
    return carrier;
  };
}
