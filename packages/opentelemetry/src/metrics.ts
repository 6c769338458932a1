import { type Attributes, type MeterProvider, metrics as metricsApi } from "@opentelemetry/api";
import type { Interceptor } from "@socket-contract/contract";
import { ATTRIBUTES, destinationAttributes, eventAttributes, outcomeCode } from "./attributes.js";
import { SCOPE_NAME, SCOPE_VERSION } from "./scope.js";

export interface MetricsOptions {
  /** Where measurements go. Default: the global meter provider (`metrics.getMeterProvider()`) when `metrics()` is called. */
  readonly meterProvider?: MeterProvider;
}

/** The names of the instruments `metrics()` records; in Prometheus, dots become underscores and counters end in `_total`. */
export const METRIC_NAMES = {
  /** Counter of incoming events by namespace, event and outcome (`"OK"` or the code), refusals before the handler included. */
  received: "messaging.client.consumed.messages",
  /** Counter of outgoing packets (emits, broadcasts once each, acks, stream items) by namespace, event and outcome. */
  sent: "messaging.client.sent.messages",
  /** Histogram of handler run time in seconds, by namespace, event and outcome. */
  handlerDuration: "messaging.process.duration",
  /** Up-down counter of the connected sockets, by namespace (server). */
  connections: "socket_contract.connections.active",
  /** Counter of refused connections, by namespace and code (server). */
  refusedConnections: "socket_contract.connections.refused",
  /** Up-down counter of the open streams, by side, namespace and event (requested or answered on this side). */
  openStreams: "socket_contract.streams.open",
} as const;

const UNKNOWN = "(unknown)";

// Handler times are mostly sub-millisecond; the default buckets start at 5 ms.
const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts events and connections with OpenTelemetry metrics, as an interceptor for either side:
 * events received and sent (stream items included) by namespace, event and outcome code (events
 * refused before the handler counted with their code), the handler duration histogram, the
 * connected sockets, the refused connections by code, and the open streams. No socket id or payload value is ever an attribute.
 *
 * @example
 * const server = bindServer(contract, io, { interceptors: [metrics(), tracing()] });
 */
export function metrics(options: MetricsOptions = {}): Interceptor {
  const meter = (options.meterProvider ?? metricsApi.getMeterProvider()).getMeter(SCOPE_NAME, SCOPE_VERSION);
  const received = meter.createCounter(METRIC_NAMES.received, {
    description: "Incoming events, by outcome.",
    unit: "{event}",
  });
  const sent = meter.createCounter(METRIC_NAMES.sent, {
    description: "Outgoing packets (emits, broadcasts, acks, stream items), by outcome.",
    unit: "{packet}",
  });
  const duration = meter.createHistogram(METRIC_NAMES.handlerDuration, {
    description: "How long handlers run, by outcome.",
    unit: "s",
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const connections = meter.createUpDownCounter(METRIC_NAMES.connections, {
    description: "Connected sockets.",
    unit: "{connection}",
  });
  const refusedConnections = meter.createCounter(METRIC_NAMES.refusedConnections, {
    description: "Refused connections, by code.",
    unit: "{connection}",
  });
  const openStreams = meter.createUpDownCounter(METRIC_NAMES.openStreams, {
    description: "Open streams.",
    unit: "{stream}",
  });
  // The event names this side has seen the contract accept: a refusal for the rate limit comes
  // before the name is looked up, so it is counted by name only once the name is known, else under
  // (unknown) as an unknown event is; at most the contract's names, whatever a peer sends.
  const known = new Set<string>();
  return {
    incoming: (call, next) => {
      known.add(call.event);
      return next().then((outcome) => {
        const attributes = eventAttributes(call.side, call, call.event, outcomeCode(outcome));
        received.add(1, attributes);
        duration.record(outcome.duration / 1000, attributes);
      });
    },
    // An unknown event's name is whatever a peer chose: counted under one name, so a peer cannot grow the series.
    refused: (refusal) => {
      const code = refusal.error.code;
      const unknown = code === "UNKNOWN_EVENT" || (code === "RATE_LIMITED" && !known.has(refusal.event));
      received.add(1, eventAttributes(refusal.side, refusal, unknown ? UNKNOWN : refusal.event, code));
    },
    outgoing: (packet) => (outcome) => {
      const attributes = eventAttributes(packet.side, packet, packet.event, outcomeCode(outcome));
      attributes["messaging.operation.name"] = packet.kind;
      sent.add(1, attributes);
    },
    stream: (opening) => {
      const attributes: Attributes = destinationAttributes(opening);
      attributes[ATTRIBUTES.side] = opening.side;
      attributes[ATTRIBUTES.event] = opening.event;
      openStreams.add(1, attributes);
      return () => openStreams.add(-1, attributes);
    },
    connection: (attempt) => {
      if (attempt.side !== "server") return undefined;
      return (outcome) => {
        const attributes: Attributes = destinationAttributes(attempt);
        if (!outcome.ok) {
          refusedConnections.add(1, { ...attributes, [ATTRIBUTES.errorType]: outcome.error.code });
          return;
        }
        connections.add(1, attributes);
        void outcome.closed.then(() => connections.add(-1, attributes));
      };
    },
  };
}
