import {
  type Context,
  context,
  isSpanContextValid,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import type {
  ConnectionAttempt,
  ConnectionOutcome,
  IncomingCall,
  Interceptor,
  Outcome,
  OutgoingPacket,
} from "@socket-contract/contract";
import { ATTRIBUTES, outcomeCode, SYSTEM } from "./attributes.js";
import { SCOPE_NAME, SCOPE_VERSION } from "./scope.js";

export interface TracingOptions {
  /** Where spans go. Default: the global tracer provider (`trace.getTracerProvider()`), looked up on each span so that an SDK registered later is used. */
  readonly tracerProvider?: TracerProvider;
}

/**
 * Traces every event with OpenTelemetry, as an interceptor for either side:
 *
 * - server: a `process <event>` span (kind CONSUMER) per received event, around its handler (which
 *   runs inside it, so its own spans are children), and a `receive <namespace>` span (kind SERVER)
 *   per handshake;
 * - client: a `send <event>` span (kind PRODUCER) per ack-bearing emit, from the emit to the ack,
 *   and a `connect <namespace>` span (kind CLIENT) per connection attempt.
 *
 * A bound client propagates its context to a bound server (in the handshake, and with each event),
 * so the server's spans are children of the client's. Attributes are names, ids, sizes and
 * outcome codes, never a payload value. With no SDK registered, it costs a few no-op calls.
 *
 * @example
 * const server = bindServer(contract, io, { interceptors: [tracing()] });
 * const chat = bindClient(contract, "/chat", socket, { interceptors: [tracing()] });
 */
export function tracing(options: TracingOptions = {}): Interceptor {
  const tracerOf = (): Tracer =>
    (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE_NAME, SCOPE_VERSION);
  return {
    propagates: true,
    incoming: (call, next) => (call.side === "server" ? traceIncoming(tracerOf(), call, next) : next()),
    outgoing: (packet) =>
      packet.side === "client" && packet.kind === "emit" ? traceEmit(tracerOf(), packet) : undefined,
    connection: (attempt) => traceConnection(tracerOf(), attempt),
  };
}

function traceIncoming(tracer: Tracer, call: IncomingCall, next: () => Promise<Outcome>): Promise<unknown> {
  const parent = propagation.extract(context.active(), call.carrier);
  const span = tracer.startSpan(`process ${call.event}`, { kind: SpanKind.CONSUMER }, parent);
  // No SDK, or nothing sampled and nothing to hand on: nothing to record, nothing to run inside.
  if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return next();
  if (span.isRecording()) {
    span.setAttributes({
      [ATTRIBUTES.system]: SYSTEM,
      [ATTRIBUTES.operationType]: "process",
      [ATTRIBUTES.destination]: call.namespace,
      [ATTRIBUTES.event]: call.event,
      [ATTRIBUTES.clientId]: readId(call.socket),
      [ATTRIBUTES.bodySize]: call.size(),
    });
  }
  return context.with(trace.setSpan(parent, span), next).then((outcome) => end(span, outcome));
}

function traceEmit(tracer: Tracer, packet: OutgoingPacket): ((outcome: Outcome) => void) | undefined {
  const active = context.active();
  // An emit without ack gets no span of its own; the app's active context still reaches the server.
  if (!packet.hasAck) {
    propagation.inject(active, packet.carrier);
    return undefined;
  }
  const span = tracer.startSpan(`send ${packet.event}`, { kind: SpanKind.PRODUCER }, active);
  if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return undefined;
  propagation.inject(trace.setSpan(active, span), packet.carrier);
  if (span.isRecording()) {
    span.setAttributes({
      [ATTRIBUTES.system]: SYSTEM,
      [ATTRIBUTES.operationType]: "send",
      [ATTRIBUTES.destination]: packet.namespace,
      [ATTRIBUTES.event]: packet.event,
      [ATTRIBUTES.bodySize]: packet.size(),
    });
  }
  return (outcome) => end(span, outcome);
}

function traceConnection(
  tracer: Tracer,
  attempt: ConnectionAttempt,
): ((outcome: ConnectionOutcome) => void) | undefined {
  const server = attempt.side === "server";
  const parent: Context = server ? propagation.extract(context.active(), attempt.carrier) : context.active();
  const span = tracer.startSpan(
    server ? `receive ${attempt.namespace}` : `connect ${attempt.namespace}`,
    { kind: server ? SpanKind.SERVER : SpanKind.CLIENT },
    parent,
  );
  if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return undefined;
  if (!server) propagation.inject(trace.setSpan(parent, span), attempt.carrier);
  if (span.isRecording()) {
    span.setAttributes({
      [ATTRIBUTES.system]: SYSTEM,
      [ATTRIBUTES.operationType]: "receive",
      [ATTRIBUTES.destination]: attempt.namespace,
    });
    if (attempt.id !== undefined) span.setAttribute(ATTRIBUTES.clientId, attempt.id);
  }
  return (outcome) => end(span, outcome);
}

function end(span: Span, outcome: Outcome | ConnectionOutcome): void {
  const code = outcomeCode(outcome);
  span.setAttribute(ATTRIBUTES.outcome, code);
  if (code !== "OK") {
    span.setAttribute(ATTRIBUTES.errorType, code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  }
  span.end();
}

function readId(socket: unknown): string {
  const id = (socket as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : "";
}
