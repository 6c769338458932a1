import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { TraceState } from "@opentelemetry/core";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { bindClient, ContractError } from "@socket-contract/client";
import { metrics, METRIC_NAMES, tracing } from "@socket-contract/opentelemetry";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { client, connected, startServer, until } from "../support/util.js";
import { contract } from "../interceptors/support.js";
import { useTraceContext } from "../support/otel-context.js";

// Both runtimes with tracing() and metrics() over real sockets, recorded by the real SDK.
useTraceContext();

const PLANTED = "zq-planted-7f3c";

async function traced(clientTracing: Parameters<typeof tracing>[0] = {}) {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const exported = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: exported, exportIntervalMillis: 60_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const { io, url } = await startServer();
  const server = bindServer(contract, io, {
    interceptors: [tracing({ tracerProvider }), metrics({ meterProvider })],
    onError: () => {},
  });
  const ops = server.of("/ops");
  ops.intercept({
    incoming: (call, next) => (call.event === "user:note" ? Promise.reject(new ContractError("FORBIDDEN")) : next()),
  });
  ops.use((socket) => {
    if ((socket.handshake.auth as { deny?: boolean }).deny) throw new Error("refused by a middleware");
  });
  ops.on("connection", (socket) => {
    socket.on("user:ban", (name) => {
      if (name === "eve") throw new ContractError("ALREADY_BANNED", { data: { since: 1 } });
      return { banned: name };
    });
    socket.on("user:note", () => {});
  });
  const peer = bindClient(contract, "/ops", client(url, "/ops", { autoConnect: false }), {
    interceptors: [tracing({ tracerProvider, ...clientTracing })],
  });
  peer.socket.connect();
  await connected(peer.socket);
  return { spans, reader, peer, url, server, io };
}

it("a client's send span and the server's process span share a trace id, the server's its child; a refused event records its code", async () => {
  const { spans, peer } = await traced();
  expect(await peer.emit("user:ban", PLANTED)).toEqual({ banned: PLANTED });
  const refusals: ContractError[] = [];
  peer.onError((error) => refusals.push(error));
  peer.emit("user:note", PLANTED);
  await until(
    () => refusals.length === 1 && spans.getFinishedSpans().some((span) => span.name === "process user:note"),
  );
  const finished = spans.getFinishedSpans();
  const send = finished.find((span) => span.name === "send user:ban")!;
  const processed = finished.find((span) => span.name === "process user:ban")!;
  expect(processed.spanContext().traceId).toBe(send.spanContext().traceId);
  expect(processed.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
  expect(processed.attributes).toMatchObject({
    "messaging.system": "socket.io",
    "messaging.destination.name": "/ops",
    "messaging.socket.io.event_name": "user:ban",
    "socket_contract.outcome": "OK",
  });
  expect(processed.attributes["messaging.client.id"]).toBe(peer.socket.id);
  const refused = finished.find((span) => span.name === "process user:note")!;
  expect(refused.attributes).toMatchObject({ "socket_contract.outcome": "FORBIDDEN", "error.type": "FORBIDDEN" });
  expect(refusals.map((error) => error.code)).toEqual(["FORBIDDEN"]);
  // The handshakes are traced too, and the client's connect span is the parent of the server's.
  const connect = finished.find((span) => span.name === "connect /ops")!;
  const received = finished.find((span) => span.name === "receive /ops")!;
  expect(received.parentSpanContext?.spanId).toBe(connect.spanContext().spanId);
  // No payload value in any attribute of any span.
  for (const span of finished) {
    for (const value of Object.values(span.attributes)) expect(String(value)).not.toContain(PLANTED);
  }
});

it("the trace context travels with each event as its traceparent string, as an object when it holds more", async () => {
  const { spans, peer, io } = await traced();
  const carriers: unknown[] = [];
  for (const raw of io.of("/ops").sockets.values())
    raw.onAny((_event: string, ...args: unknown[]) => carriers.push(args.at(-2)));
  expect(await peer.emit("user:ban", "bob")).toEqual({ banned: "bob" });
  const parent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    traceFlags: 1,
    traceState: new TraceState("vendor=1"),
  });
  expect(await context.with(parent, () => peer.emit("user:ban", "ann"))).toEqual({ banned: "ann" });
  await until(() => spans.getFinishedSpans().filter((span) => span.name === "process user:ban").length === 2);
  const [sent, sentWithState] = spans.getFinishedSpans().filter((span) => span.name === "send user:ban");
  const traceparent = (span: typeof sent) => `00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01`;
  expect(carriers).toEqual([traceparent(sent), { traceparent: traceparent(sentWithState), tracestate: "vendor=1" }]);
  const processed = spans.getFinishedSpans().filter((span) => span.name === "process user:ban");
  expect(processed.map((span) => span.parentSpanContext?.spanId)).toEqual(
    [sent, sentWithState].map((span) => span!.spanContext().spanId),
  );
  expect(processed[1]!.spanContext().traceState?.get("vendor")).toBe("1");
});

it("the payload's size is on the server's span; on the client's only with clientBodySize", async () => {
  const sizes = async (options: Parameters<typeof tracing>[0]) => {
    const { spans, peer } = await traced(options);
    expect(await peer.emit("user:ban", "bob")).toEqual({ banned: "bob" });
    await until(() => spans.getFinishedSpans().some((span) => span.name === "process user:ban"));
    const finished = spans.getFinishedSpans();
    const of = (name: string) => finished.find((span) => span.name === name)!.attributes["messaging.message.body.size"];
    return { send: of("send user:ban"), process: of("process user:ban") };
  };
  // The arguments travel as the JSON text ["bob"]: 7 bytes.
  expect(await sizes({})).toEqual({ send: undefined, process: 7 });
  expect(await sizes({ clientBodySize: true })).toEqual({ send: 7, process: 7 });
});

it("metrics: events received and sent by namespace, event and outcome, handler durations, connected sockets, refused connections", async () => {
  const { reader, peer, url } = await traced();
  await peer.emit("user:ban", "bob");
  await peer.emit("user:ban", PLANTED);
  await expect(peer.emit("user:ban", "eve")).rejects.toMatchObject({ code: "ALREADY_BANNED" });
  const refusals: ContractError[] = [];
  peer.onError((error) => refusals.push(error));
  peer.emit("user:note", "x");
  await until(() => refusals.length === 1);
  const stranger = client(url, "/ops", { auth: { deny: true } });
  await expect(connected(stranger)).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
  const { resourceMetrics } = await reader.collect();
  const points = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
  for (const scope of resourceMetrics.scopeMetrics)
    for (const metric of scope.metrics) points.set(metric.descriptor.name, metric.dataPoints as never);
  const received = points.get(METRIC_NAMES.received)!;
  const count = (attributes: Record<string, unknown>) =>
    received
      .filter((point) => Object.entries(attributes).every(([key, value]) => point.attributes[key] === value))
      .map((point) => point.value);
  expect(
    count({
      "messaging.destination.name": "/ops",
      "messaging.socket.io.event_name": "user:ban",
      "socket_contract.outcome": "OK",
      "socket_contract.side": "server",
    }),
  ).toEqual([2]);
  expect(count({ "messaging.socket.io.event_name": "user:note", "socket_contract.outcome": "FORBIDDEN" })).toEqual([1]);
  // An error answer is counted where the event was received, under its code; acks count values answered.
  expect(count({ "messaging.socket.io.event_name": "user:ban", "socket_contract.outcome": "ALREADY_BANNED" })).toEqual([
    1,
  ]);
  const sent = points.get(METRIC_NAMES.sent)!;
  expect(
    sent
      .filter((point) => point.attributes["messaging.operation.name"] === "ack")
      .map((point) => [point.attributes["socket_contract.outcome"], point.value]),
  ).toEqual([["OK", 2]]);
  const durations = points.get(METRIC_NAMES.handlerDuration)!;
  expect(durations.some((point) => (point.value as { count: number }).count === 2)).toBe(true);
  expect(points.get(METRIC_NAMES.connections)!.map((point) => point.value)).toEqual([1]);
  expect(
    points.get(METRIC_NAMES.refusedConnections)!.map((point) => [point.attributes["error.type"], point.value]),
  ).toEqual([["UNAUTHORIZED", 1]]);
  for (const series of points.values())
    for (const point of series)
      for (const value of Object.values(point.attributes)) expect(String(value)).not.toContain(PLANTED);
});
