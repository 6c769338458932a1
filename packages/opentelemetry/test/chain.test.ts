import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ContractError, type IncomingCall, type Outcome, type OutgoingPacket } from "@socket-contract/contract";
import { InterceptorSet, runIncoming, runOutgoing } from "@socket-contract/contract/internal";
import { afterAll, beforeAll, expect, it } from "vitest";
import { metrics, tracing } from "../src/index.js";

// The interceptors through the runtimes' own chain runner, with the real SDK; the tests in
// test/telemetry run them over real sockets.
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(() => {
  context.disable();
  propagation.disable();
});

const ok = async (): Promise<Outcome> => ({ ok: true, value: "ack", duration: 2 });

it("makes the server's span a child of the client's, through the carrier", async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const set = new InterceptorSet();
  set.add(tracing({ tracerProvider: provider }), "test");
  const packet = {
    side: "client",
    kind: "emit",
    namespace: "/chat",
    event: "message:send",
    args: [{ text: "secret" }],
    hasAck: true,
    socket: undefined,
    carrier: {},
    size: () => 17,
  } as OutgoingPacket;
  const done = runOutgoing(set.outgoing, packet, () => {});
  expect(Object.keys(packet.carrier)).toEqual(["traceparent"]);
  const call = {
    side: "server",
    namespace: "/chat",
    event: "message:send",
    args: [{ text: "secret" }],
    hasAck: true,
    socket: { id: "s1" },
    carrier: packet.carrier,
    size: () => 17,
  } as IncomingCall;
  await runIncoming(set.incoming, call, {
    handle: ok,
    refuse: () => ({ ok: false, error: new ContractError("HANDLER_ERROR"), duration: 0 }),
    report: () => {},
  });
  done!({ ok: true, value: "ack", duration: 3 });
  const [server, client] = exporter.getFinishedSpans();
  expect(client!.name).toBe("send message:send");
  expect(server!.name).toBe("process message:send");
  expect(server!.spanContext().traceId).toBe(client!.spanContext().traceId);
  expect(server!.parentSpanContext?.spanId).toBe(client!.spanContext().spanId);
  expect(server!.attributes).toMatchObject({
    "messaging.client.id": "s1",
    "messaging.message.body.size": 17,
    "socket_contract.outcome": "OK",
  });
  expect(JSON.stringify([server!.attributes, client!.attributes])).not.toContain("secret");
});

it("counts a refused event with its code", async () => {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const set = new InterceptorSet();
  set.add(metrics({ meterProvider: provider }), "metrics");
  set.add({ incoming: () => Promise.reject(new ContractError("FORBIDDEN")) }, "authorization");
  const call = {
    side: "server",
    namespace: "/chat",
    event: "message:send",
    args: [],
    hasAck: true,
    socket: { id: "s1" },
    carrier: {},
    size: () => 0,
  } as IncomingCall;
  await runIncoming(set.incoming, call, {
    handle: ok,
    refuse: (thrown) => ({ ok: false, error: thrown as ContractError, duration: 0 }),
    report: () => {},
  });
  await reader.forceFlush();
  const received = exporter
    .getMetrics()
    .flatMap((m) => m.scopeMetrics.flatMap((s) => s.metrics))
    .find((m) => m.descriptor.name === "messaging.client.consumed.messages")!;
  expect(received.dataPoints.map((p) => [p.attributes["socket_contract.outcome"], p.value])).toEqual([
    ["FORBIDDEN", 1],
  ]);
  await provider.shutdown();
});

it("uses the global SDK registered after tracing() was created, and the one that replaces it", async () => {
  const set = new InterceptorSet();
  set.add(tracing(), "test");
  const emit = () => {
    const packet = {
      side: "client",
      kind: "emit",
      namespace: "/chat",
      event: "message:send",
      args: [],
      hasAck: true,
      socket: undefined,
      carrier: {},
      size: () => 2,
    } as OutgoingPacket;
    runOutgoing(set.outgoing, packet, () => {})?.({ ok: true, value: "ack", duration: 1 });
  };
  emit();
  const first = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(first)] }));
  emit();
  trace.disable();
  const second = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(second)] }));
  emit();
  emit();
  trace.disable();
  expect(first.getFinishedSpans().map((span) => span.name)).toEqual(["send message:send"]);
  expect(second.getFinishedSpans().map((span) => span.name)).toEqual(["send message:send", "send message:send"]);
});
