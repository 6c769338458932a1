import type { AnySchema, ContractError } from "@socket-contract/contract";
import type { RemoteSocket, Socket } from "socket.io";
import {
  type Endpoint,
  type StreamSettings,
  checkOutgoing,
  observeSent,
  outgoingPacket,
  requestAck,
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
  /** A dynamic namespace's parameters, parsed (on a tenant's runtime only). */
  readonly params?: unknown;
  /**
   * On a dynamic namespace, the runtime of the tenant a fetched socket belongs to (its concrete path
   * and params), when it can be told; see `BoundBroadcast.fetchSockets`.
   */
  readonly tenantOf?: ((socket: RemoteSocket<any, any> | Socket) => NamespaceRuntime | undefined) | undefined;
}

interface Emitter {
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown };
}

/**
 * Sends one event to many sockets: checked once, whatever the number of recipients, then handed to
 * Socket.IO, which encodes it once. For an ack-bearing event, the promise of every validated ack;
 * with `single` (one socket from `fetchSockets()`), of its one validated ack, as a socket's emit gives.
 */
export function broadcast(
  runtime: NamespaceRuntime,
  target: Emitter,
  event: string,
  args: unknown[],
  timeout: number | undefined,
  single = false,
): Promise<unknown> | undefined {
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
            // One socket from fetchSockets() is one recipient: an emit, as a bound socket's is, though
            // no bound socket of this node stands for it (`socket` stays undefined).
            single ? "emit" : "broadcast",
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
  const emitter = target.timeout(timeout ?? runtime.ackTimeout);
  // Before 4.7.3 Socket.IO hands a remote socket's answer over as null (socket.io#4878): its operator
  // (a fresh one, which `timeout` made) is asked for the array of answers instead, as every 4.x gives.
  const flags = (emitter as { flags?: { expectSingleResponse?: boolean } }).flags;
  if (flags?.expectSingleResponse) flags.expectSingleResponse = false;
  return observeSent(
    observe,
    single
      ? requestAck(definition, where, (callback) => {
          // A local socket that is gone never answers; one on another node is counted out by its node.
          if ((target as { connected?: boolean }).connected === false) return callback(new Error(GONE));
          emitter.emit(event, ...args, (error: Error | null, answer: unknown) => {
            // A local socket's answer comes as it is, a remote one's in an array (an envelope is never
            // one); no answer at all without a timeout means the socket was on no node.
            const envelope = Array.isArray(answer) ? answer[0] : answer;
            callback(error ?? (envelope === undefined ? new Error(GONE) : null), envelope);
          });
        })
      : requestAcks(definition, where, (callback) => emitter.emit(event, ...args, callback)),
  );
}

/** Read as `DISCONNECTED` (see `transportFailure`), as socket.io-client's own message is. */
const GONE = "socket has been disconnected";

/** What a broadcast's (or a fetched socket's emit's) interceptors see as its sender: the server, no one socket. */
const BROADCASTER = { side: "server", peer: undefined } as const;
