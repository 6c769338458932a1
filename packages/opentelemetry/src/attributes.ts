import type { ContractError, Side } from "@socket-contract/contract";

/**
 * The attribute names this package sets: OpenTelemetry's messaging semantic conventions, plus the
 * event name under the key the upstream Socket.IO instrumentation uses, and the outcome. None of
 * them ever holds a payload value.
 */
export const ATTRIBUTES = {
  /** Always `"socket.io"`. */
  system: "messaging.system",
  /** The namespace, such as `"/chat"` or, for a dynamic namespace, the concrete `"/org/acme"` (spans only). */
  destination: "messaging.destination.name",
  /** A dynamic namespace's key, such as `"/org/:orgId"`: what metrics count by, in its place. */
  template: "messaging.destination.template",
  /** `"send"` (a client's emit), `"process"` (a handler's run), `"receive"` (a handshake). */
  operationType: "messaging.operation.type",
  /** The event's name, such as `"message:send"`. */
  event: "messaging.socket.io.event_name",
  /** The socket's id. */
  clientId: "messaging.client.id",
  /** The payload's size in bytes (JSON text plus binary attachments). */
  bodySize: "messaging.message.body.size",
  /** The error code of a failed event or refused connection. */
  errorType: "error.type",
  /** `"OK"` or the error code: every event and connection has one. */
  outcome: "socket_contract.outcome",
  /** `"server"` or `"client"`: which runtime recorded it. */
  side: "socket_contract.side",
} as const;

export const SYSTEM = "socket.io";

/** `"OK"`, or the code of the error. */
export function outcomeCode(
  outcome: { readonly ok: true } | { readonly ok: false; readonly error: ContractError },
): string {
  return outcome.ok ? "OK" : outcome.error.code;
}

/** Where a metric point was: the namespace, or a dynamic namespace's key, never its concrete path. */
export interface Destination {
  readonly namespace: string;
  readonly pattern?: string | undefined;
}

/**
 * The namespace attributes of a metric point: `messaging.destination.name`, or for a dynamic
 * namespace `messaging.destination.template` alone, as the messaging conventions ask of
 * high-cardinality names. A client may pick any tenant path (`/org/<anything>`, refused or not):
 * counted by path, it would add one series per path.
 */
export function destinationAttributes(where: Destination): Record<string, string> {
  return where.pattern === undefined
    ? { [ATTRIBUTES.system]: SYSTEM, [ATTRIBUTES.destination]: where.namespace }
    : { [ATTRIBUTES.system]: SYSTEM, [ATTRIBUTES.template]: where.pattern };
}

/** The attributes every metric point of one event share; low cardinality by design (no socket id, no tenant path). */
export function eventAttributes(side: Side, where: Destination, event: string, code: string): Record<string, string> {
  const attributes = destinationAttributes(where);
  attributes[ATTRIBUTES.side] = side;
  attributes[ATTRIBUTES.event] = event;
  attributes[ATTRIBUTES.outcome] = code;
  if (code !== "OK") attributes[ATTRIBUTES.errorType] = code;
  return attributes;
}
