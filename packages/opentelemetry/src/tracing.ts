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
  StreamOpening,
} from "@socket-contract/contract";
import { ATTRIBUTES, outcomeCode, SYSTEM } from "./attributes.js";
import { SCOPE_NAME, SCOPE_VERSION } from "./scope.js";

export interface TracingOptions {
  /** Where spans go. Default: the global tracer provider (`trace.getTracerProvider()`), checked on each span so that an SDK registered (or replaced) later is used. */
  readonly tracerProvider?: TracerProvider;
  /**
   * Also count the payload's size (`messaging.message.body.size`) on the client's `send <event>`
   * spans. Default `false`: the server's `process <event>` span carries the size of what it
   * received, and counting it again on the client costs about 2 µs per event on a ~1 KB payload,
   * on the side that usually sets the pace of a page or a load test.
   */
  readonly clientBodySize?: boolean;
}

/**
 * Traces every event with OpenTelemetry, as an interceptor for either side:
 *
 * - server: a `process <event>` span (kind CONSUMER) per received event, around its handler (which
 *   runs inside it, so its own spans are children), and a `receive <namespace>` span (kind SERVER)
 *   per handshake;
 * - client: a `send <event>` span (kind PRODUCER) per ack-bearing emit, from the emit to the ack,
 *   and per stream request, from the request to the stream's close, and a `connect <namespace>`
 *   span (kind CLIENT) per connection attempt.
 *
 * A bound client propagates its context to a bound server (in the handshake, and with each event),
 * so the server's spans are children of the client's. Attributes are names, ids, sizes and
 * outcome codes, never a payload value; the payload's size is counted on the server's span (and on
 * the client's with `clientBodySize: true`). With no SDK registered, it costs a few no-op calls.
 *
 * @example
 * const server = bindServer(contract, io, { interceptors: [tracing()] });
 * const chat = bindClient(contract, "/chat", socket, { interceptors: [tracing()] });
 */
export function tracing(options: TracingOptions = {}): Interceptor {
  // The tracer, asked again only when the provider changes (an SDK registered, or replaced, later).
  let provider: TracerProvider | undefined;
  let tracer: Tracer | undefined;
  const tracerOf = (): Tracer => {
    const current = options.tracerProvider ?? trace.getTracerProvider();
    if (current !== provider || tracer === undefined) {
      provider = current;
      tracer = current.getTracer(SCOPE_NAME, SCOPE_VERSION);
    }
    return tracer;
  };
  const names = new SpanNames();
  const clientBodySize = options.clientBodySize === true;
  return {
    propagates: true,
    incoming: (call, next) => (call.side === "server" ? traceIncoming(tracerOf(), names, call, next) : next()),
    outgoing: (packet) =>
      packet.side === "client" && packet.kind === "emit"
        ? traceEmit(tracerOf(), names, packet, clientBodySize)
        : undefined,
    connection: (attempt) => traceConnection(tracerOf(), attempt),
    stream: (opening) =>
      opening.side === "client" && opening.role === "request" ? traceStream(tracerOf(), names, opening) : undefined,
  };
}

/** `process <event>` and `send <event>`, built once per event name rather than once per event. */
class SpanNames {
  readonly #process = new Map<string, string>();
  readonly #send = new Map<string, string>();

  process(event: string): string {
    return SpanNames.#name(this.#process, "process ", event);
  }

  send(event: string): string {
    return SpanNames.#name(this.#send, "send ", event);
  }

  // Event names come from the contract (an unknown one is refused before interceptors): a few entries.
  static #name(names: Map<string, string>, prefix: string, event: string): string {
    let name = names.get(event);
    if (name === undefined) {
      name = prefix + event;
      names.set(event, name);
    }
    return name;
  }
}

function traceIncoming(
  tracer: Tracer,
  names: SpanNames,
  call: IncomingCall,
  next: () => Promise<Outcome>,
): Promise<unknown> {
  const parent = propagation.extract(context.active(), call.carrier);
  const span = tracer.startSpan(names.process(call.event), { kind: SpanKind.CONSUMER }, parent);
  if (span.isRecording()) {
    // One call per attribute: no object built per event for the SDK to walk again.
    span.setAttribute(ATTRIBUTES.system, SYSTEM);
    span.setAttribute(ATTRIBUTES.operationType, "process");
    span.setAttribute(ATTRIBUTES.destination, call.namespace);
    if (call.pattern !== undefined) span.setAttribute(ATTRIBUTES.template, call.pattern);
    span.setAttribute(ATTRIBUTES.event, call.event);
    span.setAttribute(ATTRIBUTES.clientId, readId(call.socket));
    span.setAttribute(ATTRIBUTES.bodySize, call.size());
  } else if (!isSpanContextValid(span.spanContext())) {
    // No SDK, or nothing sampled and nothing to hand on: nothing to record, nothing to run inside.
    return next();
  }
  // The chain's own promise is handed back (the runtime then waits for nothing more), and the span
  // ends beside it; next() never rejects, and nothing a span's end does may fail the event.
  const outcome = context.with(trace.setSpan(parent, span), next);
  void outcome.then((settled) => endQuietly(span, settled));
  return outcome;
}

function traceEmit(
  tracer: Tracer,
  names: SpanNames,
  packet: OutgoingPacket,
  bodySize: boolean,
): ((outcome: Outcome) => void) | undefined {
  const active = context.active();
  // An emit without ack gets no span of its own; the app's active context still reaches the server.
  if (!packet.hasAck) {
    propagation.inject(active, packet.carrier);
    return undefined;
  }
  const span = startSend(tracer, names, active, packet);
  if (span === undefined) return undefined;
  if (bodySize && span.isRecording()) span.setAttribute(ATTRIBUTES.bodySize, packet.size());
  return (outcome) => end(span, outcome);
}

/**
 * A client's stream request: a `send <event>` span from the request to the stream's close, whose
 * context travels in `contract:open`, so the server's `process <event>` span is its child.
 */
function traceStream(tracer: Tracer, names: SpanNames, opening: StreamOpening): (() => void) | undefined {
  const span = startSend(tracer, names, context.active(), opening);
  return span === undefined ? undefined : () => span.end();
}

/**
 * A client's `send <event>` span (PRODUCER), an emit's or a stream request's, its context written
 * into what travels so that the server's span is its child; `undefined` where there is nothing to
 * record or hand on (no SDK, or nothing sampled).
 */
function startSend(
  tracer: Tracer,
  names: SpanNames,
  active: Context,
  message: Pick<OutgoingPacket, "namespace" | "pattern" | "event" | "carrier">,
): Span | undefined {
  const span = tracer.startSpan(names.send(message.event), { kind: SpanKind.PRODUCER }, active);
  const recording = span.isRecording();
  if (!recording && !isSpanContextValid(span.spanContext())) return undefined;
  propagation.inject(trace.setSpan(active, span), message.carrier);
  if (recording) {
    span.setAttribute(ATTRIBUTES.system, SYSTEM);
    span.setAttribute(ATTRIBUTES.operationType, "send");
    span.setAttribute(ATTRIBUTES.destination, message.namespace);
    if (message.pattern !== undefined) span.setAttribute(ATTRIBUTES.template, message.pattern);
    span.setAttribute(ATTRIBUTES.event, message.event);
  }
  return span;
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
    if (attempt.pattern !== undefined) span.setAttribute(ATTRIBUTES.template, attempt.pattern);
    if (attempt.id !== undefined) span.setAttribute(ATTRIBUTES.clientId, attempt.id);
  }
  return (outcome) => end(span, outcome);
}

function endQuietly(span: Span, outcome: Outcome): void {
  try {
    end(span, outcome);
  } catch {
    // The API's calls do not throw; an SDK's that does must not become an unhandled rejection.
  }
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
