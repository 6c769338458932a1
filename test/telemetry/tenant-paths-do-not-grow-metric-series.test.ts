import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { bindClient } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { METRIC_NAMES, metrics, tracing } from "@socket-contract/opentelemetry";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer } from "../support/util.js";

// metrics() counted by the concrete path of a dynamic namespace, which the client picks: every
// refused path (/org/x1, /org/x2, ...) and every tenant added a series, kept by the SDK for good,
// against "a peer cannot grow the number of series". A dynamic namespace is counted by its key.
const tenants = defineContract({
  name: "tenants",
  version: "1.0.0",
  namespaces: {
    "/org/:orgId": {
      params: z.object({ orgId: z.string().regex(/^[a-z]+$/) }),
      auth: z.object({ token: z.literal("letmein") }),
      clientToServer: { whoami: { args: [], ack: z.string() } },
    },
    "/chat": { clientToServer: { hello: { args: [], ack: z.string() } } },
  },
});

it("counts a dynamic namespace by its key, whatever paths clients pick; spans keep the concrete path", async () => {
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 60_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const { io, url } = await startServer();
  const server = bindServer(tenants, io, {
    interceptors: [metrics({ meterProvider }), tracing({ tracerProvider })],
    onError: () => {},
  });
  server.of("/org/:orgId").on("connection", (socket) => {
    socket.on("whoami", () => socket.params.orgId);
  });
  server.of("/chat").on("connection", (socket) => {
    socket.on("hello", () => "hi");
  });
  for (const path of ["/org/BAD1", "/org/BAD2", "/org/nobody", "/org/stranger"]) {
    const refused = client(url, path, { auth: { token: "wrong" } });
    await expect(connected(refused)).rejects.toMatchObject({ data: { code: expect.any(String) } });
  }
  for (const orgId of ["acme", "other"]) {
    const socket = client(url, `/org/${orgId}`, { auth: { token: "letmein" } });
    expect(await bindClient(tenants, `/org/${orgId}`, socket).emit("whoami")).toBe(orgId);
  }
  const chat = client(url, "/chat");
  expect(await bindClient(tenants, "/chat", chat).emit("hello")).toBe("hi");

  const { resourceMetrics } = await reader.collect();
  const points = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
  for (const scope of resourceMetrics.scopeMetrics)
    for (const metric of scope.metrics) points.set(metric.descriptor.name, metric.dataPoints as never);
  const where = (name: string) =>
    points
      .get(name)!
      .map((point) => [
        point.attributes["messaging.destination.template"] ?? point.attributes["messaging.destination.name"],
        point.attributes["error.type"] ?? point.attributes["socket_contract.outcome"],
        point.value,
      ]);
  expect(where(METRIC_NAMES.refusedConnections)).toEqual([
    ["/org/:orgId", "INVALID_PAYLOAD", 2],
    ["/org/:orgId", "UNAUTHORIZED", 2],
  ]);
  expect(where(METRIC_NAMES.connections).sort()).toEqual([
    ["/chat", undefined, 1],
    ["/org/:orgId", undefined, 2],
  ]);
  expect(where(METRIC_NAMES.received).sort()).toEqual([
    ["/chat", "OK", 1],
    ["/org/:orgId", "OK", 2],
  ]);
  for (const series of points.values())
    for (const point of series) expect(String(point.attributes["messaging.destination.name"])).not.toMatch(/^\/org\//);

  const processed = spans.getFinishedSpans().filter((span) => span.name === "process whoami");
  expect(processed.map((span) => span.attributes["messaging.destination.name"]).sort()).toEqual([
    "/org/acme",
    "/org/other",
  ]);
  expect(processed.map((span) => span.attributes["messaging.destination.template"])).toEqual([
    "/org/:orgId",
    "/org/:orgId",
  ]);
});

it("a client's send span on a dynamic namespace carries the key beside the concrete path, as the server's does", async () => {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const { io, url } = await startServer();
  bindServer(tenants, io, { onError: () => {} })
    .of("/org/:orgId")
    .on("connection", (socket) => {
      socket.on("whoami", () => socket.params.orgId);
    });
  const socket = client(url, "/org/acme", { auth: { token: "letmein" } });
  const acme = bindClient(tenants, "/org/acme", socket, { interceptors: [tracing({ tracerProvider })] });
  expect(await acme.emit("whoami")).toBe("acme");

  const sent = spans.getFinishedSpans().filter((span) => span.name === "send whoami");
  expect(
    sent.map((span) => [
      span.attributes["messaging.destination.name"],
      span.attributes["messaging.destination.template"],
    ]),
  ).toEqual([["/org/acme", "/org/:orgId"]]);
});

it("a client's connection attempt on a dynamic namespace carries the key, so its connect span does, as the server's receive span does", async () => {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const { io, url } = await startServer();
  const patterns: (string | undefined)[] = [];
  const seePattern = {
    connection: (attempt: { side: string; pattern?: string }) =>
      void patterns.push(`${attempt.side} ${attempt.pattern}`),
  };
  const server = bindServer(tenants, io, {
    interceptors: [tracing({ tracerProvider }), seePattern],
    onError: () => {},
  });
  server.of("/org/:orgId").on("connection", (socket) => {
    socket.on("whoami", () => socket.params.orgId);
  });
  const socket = client(url, "/org/acme", { auth: { token: "letmein" } });
  const acme = bindClient(tenants, "/org/acme", socket, { interceptors: [tracing({ tracerProvider }), seePattern] });
  await connected(acme.socket);
  expect(await acme.emit("whoami")).toBe("acme");

  expect(patterns.sort()).toEqual(["client /org/:orgId", "server /org/:orgId"]);
  const where = (name: string) =>
    spans
      .getFinishedSpans()
      .filter((span) => span.name === name)
      .map((span) => [
        span.attributes["messaging.destination.name"],
        span.attributes["messaging.destination.template"],
      ]);
  expect(where("connect /org/acme")).toEqual([["/org/acme", "/org/:orgId"]]);
  expect(where("receive /org/acme")).toEqual([["/org/acme", "/org/:orgId"]]);
});
