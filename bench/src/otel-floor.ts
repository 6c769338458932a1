// `node bench/dist/otel-floor.js`: what the OpenTelemetry SDK itself costs per traced event, under
// scenario 13's SDK setup (BasicTracerProvider, BatchSpanProcessor, async-hooks context, W3C
// propagation), next to what tracing() costs through the runtime's interceptor chain in one
// process. The floor of scenario 13's SDK row: the SDK's two spans (client and server) and the
// context's propagation, which no change to socket-contract can remove.
import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import type { IncomingCall, Outcome } from "@socket-contract/contract";
import {
  InterceptorSet,
  outgoingPacket,
  payloadSize,
  readCarrier,
  runIncoming,
  runOutgoing,
} from "@socket-contract/contract/internal";
import { tracing } from "@socket-contract/opentelemetry";
import { exportedSpans, registerSdkIfAsked } from "./otel-sdk.js";
import { makeOrder } from "./payloads.js";

process.env.BENCH_OTEL_SDK = "1";
registerSdkIfAsked();
const tracer = trace.getTracer("floor", "1");
const orders = Array.from({ length: 1_000 }, (_, index) => Object.freeze([makeOrder(index)]));
const carrier: Record<string, string> = {};
const root = tracer.startSpan("root");
propagation.inject(trace.setSpan(ROOT_CONTEXT, root), carrier);
root.end();

// In chunks with a macrotask between: the batch processor exports as it would in a server (a tight
// loop would overflow its queue, and dropped spans cost less than exported ones).
async function cpuPerCall(calls: number, run: (index: number) => unknown): Promise<number> {
  const loop = async (count: number): Promise<void> => {
    for (let index = 0; index < count; index += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, offset) => run(index + offset)));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await loop(calls / 5);
  const before = process.cpuUsage();
  await loop(calls);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

/** The server's span as tracing() makes it, with the SDK calls only: extract, start, attributes, run inside, end. */
function serverSpan(): void {
  const parent = propagation.extract(context.active(), carrier);
  const span = tracer.startSpan("process order:place", { kind: SpanKind.CONSUMER }, parent);
  span.setAttribute("messaging.system", "socket.io");
  span.setAttribute("messaging.operation.type", "process");
  span.setAttribute("messaging.destination.name", "/traced");
  span.setAttribute("messaging.socket.io.event_name", "order:place");
  span.setAttribute("messaging.client.id", "aBcDeFgHiJkLmNoPqRsT");
  span.setAttribute("messaging.message.body.size", 1024);
  context.with(trace.setSpan(parent, span), () => undefined);
  span.setAttribute("socket_contract.outcome", "OK");
  span.end();
}

/** The client's span as tracing() makes it, with the SDK calls only: start, inject, attributes, end. */
function clientSpan(): void {
  const active = context.active();
  const span = tracer.startSpan("send order:place", { kind: SpanKind.PRODUCER }, active);
  propagation.inject(trace.setSpan(active, span), {});
  span.setAttribute("messaging.system", "socket.io");
  span.setAttribute("messaging.operation.type", "send");
  span.setAttribute("messaging.destination.name", "/traced");
  span.setAttribute("messaging.socket.io.event_name", "order:place");
  span.setAttribute("messaging.message.body.size", 1024);
  span.setAttribute("socket_contract.outcome", "OK");
  span.end();
}

const clientSet = new InterceptorSet();
clientSet.add(tracing(), "client");
const serverSet = new InterceptorSet();
serverSet.add(tracing(), "server");
const definition = { name: "order:place", ack: {} } as Parameters<typeof outgoingPacket>[3];
const handled: Outcome = { ok: true, value: 1, duration: 0 };
const run = { handle: async () => handled, refuse: () => handled, report: () => {} };

/** One event through tracing() on both sides: the client's emit, its carrier across, the server's process span. */
async function tracedEvent(index: number, walk: boolean): Promise<void> {
  const values = orders[index % orders.length]!;
  const packet = outgoingPacket({ side: "client", peer: undefined }, "/traced", "emit", definition, values);
  const size = walk ? () => payloadSize(values) : () => 1024;
  const observe = runOutgoing(clientSet.outgoing, { ...packet, size }, () => {});
  const call = {
    side: "server",
    namespace: "/traced",
    socket: { id: "aBcDeFgHiJkLmNoPqRsT" },
    event: "order:place",
    args: values,
    hasAck: true,
    carrier: readCarrier(JSON.parse(JSON.stringify(packet.carrier))),
    size,
  } as IncomingCall;
  await runIncoming(serverSet.incoming, call, run);
  observe?.({ ok: true, value: 1, duration: 0 });
}

const rows: [string, number][] = [];
for (let round = 0; round < 3; round++) {
  rows.push([
    "SDK floor: server span (extract, start, 6 attributes, run inside, end)",
    await cpuPerCall(100_000, serverSpan),
  ]);
  rows.push(["SDK floor: client span (start, inject, 5 attributes, end)", await cpuPerCall(100_000, clientSpan)]);
  rows.push([
    "payloadSize of scenario 1's ~1 KB order",
    await cpuPerCall(100_000, (i) => payloadSize(orders[i % 1_000]!)),
  ]);
  rows.push([
    "tracing() both sides through the chain, size walked",
    await cpuPerCall(50_000, (i) => tracedEvent(i, true)),
  ]);
  rows.push([
    "tracing() both sides through the chain, constant size",
    await cpuPerCall(50_000, (i) => tracedEvent(i, false)),
  ]);
}
console.log(`Node ${process.version}; CPU µs per call, the least of 3 rounds; ${exportedSpans()} spans exported`);
const best = new Map<string, number>();
for (const [name, value] of rows) best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, value));
for (const [name, value] of best) console.log(`${value.toFixed(2).padStart(7)}  ${name}`);
