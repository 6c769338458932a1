import type { AnySchema, ContractError } from "@socket-contract/contract";
import {
  type Endpoint,
  type StreamSettings,
  checkOutgoing,
  observeSent,
  outgoingPacket,
  requestAcks,
  runOutgoing,
} from "@socket-contract/contract/internal";

/**
 * What every socket and broadcast of one namespace shares: the endpoint core's part (catalogs, ack
 * timeout, stream settings, `onError`), and the handshake's schemas. Built once per namespace,
 * never per socket.
 */
export interface NamespaceRuntime extends Endpoint {
  /** A server always reads its stream settings (`bindServer` installs streams). */
  readonly streams: StreamSettings;
  readonly auth: AnySchema | undefined;
  readonly data: AnySchema | undefined;
}

interface Emitter {
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown };
}

/**
 * Sends one event to many sockets: checked once, whatever the number of recipients, then handed to
 * Socket.IO, which encodes it once. For an ack-bearing event, the promise of every validated ack.
 */
export function broadcast(
  runtime: NamespaceRuntime,
  target: Emitter,
  event: string,
  args: unknown[],
  timeout: number | undefined,
): Promise<unknown[]> | undefined {
  const definition = checkOutgoing(runtime.outgoing, event, args, runtime.namespace);
  const steps = runtime.interceptors?.outgoing;
  // Once per broadcast, whatever the number of recipients; a refusal throws here, nothing is sent.
  const report = (error: ContractError): void => runtime.report(error, { namespace: runtime.namespace, event });
  const observe =
    steps === undefined || steps.length === 0
      ? undefined
      : runOutgoing(
          steps,
          outgoingPacket(
            runtime.pattern === undefined ? BROADCASTER : { ...BROADCASTER, pattern: runtime.pattern },
            runtime.namespace,
            "broadcast",
            definition,
            args,
          ),
          report,
        );
  if (definition.ack === undefined) {
    target.emit(event, ...args);
    return observeSent(observe, undefined);
  }
  const where = { namespace: runtime.namespace, event };
  return observeSent(
    observe,
    requestAcks(definition, where, (callback) =>
      target.timeout(timeout ?? runtime.ackTimeout).emit(event, ...args, callback),
    ),
  );
}

/** What a broadcast's interceptors see as its sender: the server, no one socket. */
const BROADCASTER = { side: "server", peer: undefined } as const;
