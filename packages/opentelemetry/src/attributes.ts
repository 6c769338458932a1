import type { ContractError, Side } from "@socket-contract/contract";

/**
 * The attribute names this package sets: OpenTelemetry's messaging semantic conventions, plus the
 * event name under the key the upstream Socket.IO instrumentation uses, and the outcome. None of
 * them ever holds a payload value.
 */
export const ATTRIBUTES = {
  /** Always `"socket.io"`. */
  system: "messaging.system",
  /** The namespace, such as `"/chat"`. */
  destination: "messaging.destination.name",
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

/** The attributes every metric point and span of one event share; low cardinality by design (no socket id). */
export function eventAttributes(side: Side, namespace: string, event: string, code: string): Record<string, string> {
  const attributes: Record<string, string> = {
    [ATTRIBUTES.system]: SYSTEM,
    [ATTRIBUTES.side]: side,
    [ATTRIBUTES.destination]: namespace,
    [ATTRIBUTES.event]: event,
    [ATTRIBUTES.outcome]: code,
  };
  if (code !== "OK") attributes[ATTRIBUTES.errorType] = code;
  return attributes;
}
