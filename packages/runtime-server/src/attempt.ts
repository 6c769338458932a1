import { ContractError } from "@socket-contract/contract";
import {
  type ConnectErrorData,
  connectError,
  emptyCarrier,
  runConnection,
  splitHandshake,
} from "@socket-contract/contract/internal";
import type { Socket } from "socket.io";
import type { NamespaceRuntime } from "./runtime.js";

/**
 * Shows one connection attempt to the connection interceptors, before `auth`, the version policy
 * and middleware decide; returns what tells them the outcome (`undefined` when none observes): the
 * refusal's code as the client gets it, or the admission with the promise of the disconnect reason.
 */
export function observeAttempt(
  runtime: NamespaceRuntime,
  raw: Socket,
): ((refusal: { data: ConnectErrorData } | undefined) => void) | undefined {
  const steps = runtime.interceptors?.connection;
  if (steps === undefined || steps.length === 0) return undefined;
  const namespace = raw.nsp.name;
  const carrier = splitHandshake(raw.handshake.auth).carrier ?? emptyCarrier();
  const attempt = {
    side: "server" as const,
    namespace,
    pattern: runtime.pattern,
    id: raw.id,
    carrier: { ...carrier },
    socket: undefined,
  };
  const observe = runConnection(steps, attempt, (error) => runtime.report(error, { namespace, socketId: raw.id }));
  if (observe === undefined) return undefined;
  return (refusal) => {
    if (refusal === undefined) observe.admitted(new Promise<string>((resolve) => raw.once("disconnect", resolve)));
    else observe.refused(new ContractError(refusal.data.code, { message: refusal.data.message, namespace }));
  };
}

/** Runs `admit` as Socket.IO middleware of one connection attempt, shown to the connection interceptors. */
export function admitObserved(
  runtime: NamespaceRuntime,
  raw: Socket,
  admit: () => Promise<void>,
  next: (error?: Error) => void,
): void {
  const observe = observeAttempt(runtime, raw);
  admit().then(
    () => {
      observe?.(undefined);
      next();
    },
    (thrown: unknown) => {
      const refusal = connectError(thrown);
      observe?.(refusal);
      next(refusal);
    },
  );
}
