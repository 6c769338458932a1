import type { AnySchema, ContractError } from "@socket-contract/contract";
import { type EventCatalog, type StreamSettings, checkOutgoing, requestAck, requestAcks } from "@socket-contract/contract/protocol";
import type { ErrorContext } from "./types.js";

/** What every socket and broadcast of one namespace shares: built once per namespace, never per socket. */
export interface NamespaceRuntime {
  readonly path: string;
  /** What clients may send. */
  readonly incoming: EventCatalog;
  /** What the server may send. */
  readonly outgoing: EventCatalog;
  readonly auth: AnySchema | undefined;
  readonly data: AnySchema | undefined;
  readonly ackTimeout: number;
  /** `streamWindow` and `maxStreams`. */
  readonly streams: StreamSettings;
  readonly report: (error: ContractError, context: ErrorContext) => void;
}

interface Emitter {
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown };
}

/**
 * Sends one event to one socket: checked once before it leaves; for an ack-bearing event, the
 * promise of the socket's validated acknowledgement.
 */
export function emitToSocket(runtime: NamespaceRuntime, target: Emitter, event: string, args: unknown[], timeout: number | undefined): Promise<unknown> | undefined {
  const definition = checkOutgoing(runtime.outgoing, event, args, runtime.path);
  if (definition.ack === undefined) {
    target.emit(event, ...args);
    return undefined;
  }
  return requestAck(definition, { namespace: runtime.path, event }, (callback) => {
    target.timeout(timeout ?? runtime.ackTimeout).emit(event, ...args, callback);
  });
}

/**
 * Sends one event to many sockets: checked once, whatever the number of recipients, then handed to
 * Socket.IO, which encodes it once. For an ack-bearing event, the promise of every validated ack.
 */
export function broadcast(runtime: NamespaceRuntime, target: Emitter, event: string, args: unknown[], timeout: number | undefined): Promise<unknown[]> | undefined {
  const definition = checkOutgoing(runtime.outgoing, event, args, runtime.path);
  if (definition.ack === undefined) {
    target.emit(event, ...args);
    return undefined;
  }
  return requestAcks(definition, { namespace: runtime.path, event }, (callback) => {
    target.timeout(timeout ?? runtime.ackTimeout).emit(event, ...args, callback);
  });
}
