import { bindClient, ContractError } from "@socket-contract/client";
import type { Interceptor, OutgoingPacket } from "@socket-contract/contract";
import { metrics, METRIC_NAMES, tracing } from "@socket-contract/opentelemetry";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { collect, pattern, startStreams } from "../streams/support.js";
import { client, connected, sleep, until } from "../support/util.js";

// Streams through interceptors, over real sockets: every item a side sends passes its outgoing
// interceptors (which may refuse it), and `stream` sees each stream open and close.

type Seen = { kind: string; event: string; value: unknown; side: string };
const recorder = (seen: Seen[]): Interceptor => ({
  outgoing: (packet: OutgoingPacket) => {
    if (packet.kind === "item")
      seen.push({ kind: packet.kind, event: packet.event, value: packet.value, side: packet.side });
  },
});

it("a server's outgoing interceptors see each item of a stream it answers, with its event and checked value", async () => {
  const { server, chat } = await startStreams();
  const seen: Seen[] = [];
  server.intercept(recorder(seen));
  const stream = chat.stream("count", { n: 3 });
  expect(await collect(stream)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  expect(await stream.ack).toEqual({ total: 3 });
  expect(seen).toEqual([0, 1, 2].map((i) => ({ kind: "item", event: "count", value: { i }, side: "server" })));
});

it("a client's outgoing interceptors see each item of its upload", async () => {
  const { url } = await startStreams();
  const seen: Seen[] = [];
  const raw = client(url, "/s");
  const peer = bindClient(streamContract, "/s", raw, { interceptors: [recorder(seen)] });
  await connected(raw);
  const chunks = [pattern(0, 10), pattern(10, 20)];
  const stream = peer.stream("upload", { name: "a" }, chunks);
  expect(await stream.ack).toMatchObject({ bytes: 30 });
  expect(seen.map(({ event, side, value }) => [event, side, (value as Uint8Array).byteLength])).toEqual([
    ["upload", "client", 10],
    ["upload", "client", 20],
  ]);
});

it("an outgoing interceptor refuses an item: the requester gets the items before it, then the stream fails with that code, and the handler's generator is closed", async () => {
  const { server, chat, seen } = await startStreams();
  server.of("/s").intercept({
    outgoing: (packet) => {
      if (packet.kind === "item" && packet.event === "endless" && packet.value === 2)
        throw new ContractError("FORBIDDEN");
    },
  });
  const stream = chat.stream("endless", "fast");
  const received: number[] = [];
  await expect(
    (async () => {
      for await (const item of stream) received.push(item);
    })(),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
  expect(received).toEqual([0, 1]);
  await until(() => seen.closed === 1);
});

it("an outgoing interceptor that throws a plain error on an item: the stream fails HANDLER_ERROR, and onError hears of it once, with what was thrown", async () => {
  const { server, chat, seen, errors } = await startStreams();
  const thrown = new Error("interceptor bug");
  server.of("/s").intercept({
    outgoing: (packet) => {
      if (packet.kind === "item" && packet.event === "endless" && packet.value === 2) throw thrown;
    },
  });
  const stream = chat.stream("endless", "fast");
  await expect(collect(stream)).rejects.toMatchObject({ code: "HANDLER_ERROR", message: "An interceptor failed." });
  await until(() => seen.closed === 1);
  await sleep(50);
  expect(errors.map((error) => [error.code, error.event, error.cause])).toEqual([["HANDLER_ERROR", "endless", thrown]]);
});

it("an incoming interceptor's next() on a stream request resolves once the stream is over, with its ack or the code the requester got; tracing's process span records it", async () => {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const { server, chat } = await startStreams();
  const outcomes: unknown[] = [];
  server.intercept(tracing({ tracerProvider }));
  server.intercept({
    incoming: async (call, next) => {
      const outcome = await next();
      outcomes.push([call.event, outcome.ok ? outcome.value : outcome.error.code, outcome.duration >= 0]);
    },
  });
  const ok = chat.stream("count", { n: 3 });
  expect(await collect(ok)).toHaveLength(3);
  await until(() => outcomes.length === 1);
  const failed = chat.stream("count", { n: 5, failAt: 2 });
  await expect(collect(failed)).rejects.toMatchObject({ code: "TOO_MANY" });
  await until(() => outcomes.length === 2);
  const cancelled = chat.stream("endless", "slow");
  for await (const _ of cancelled) break;
  await until(() => outcomes.length === 3);
  expect(outcomes).toEqual([
    ["count", { total: 3 }, true],
    ["count", "TOO_MANY", true],
    ["endless", undefined, true],
  ]);
  const processed = spans.getFinishedSpans().filter((span) => span.name === "process count");
  expect(processed.map((span) => span.attributes["socket_contract.outcome"])).toEqual(["OK", "TOO_MANY"]);
});

it("metrics() counts the open streams by namespace and event, on both sides, and the items sent", async () => {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const { server, url, seen } = await startStreams();
  server.intercept(metrics({ meterProvider }));
  const raw = client(url, "/s");
  const peer = bindClient(streamContract, "/s", raw, { interceptors: [metrics({ meterProvider })] });
  await connected(raw);
  const points = async (name: string) => {
    const { resourceMetrics } = await reader.collect();
    const found = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((m) => m.descriptor.name === name);
    return (found?.dataPoints ?? []).map((point) => ({
      side: point.attributes["socket_contract.side"],
      event: point.attributes["messaging.socket.io.event_name"],
      namespace: point.attributes["messaging.destination.name"],
      kind: point.attributes["messaging.operation.name"],
      value: point.value,
    }));
  };

  const first = peer.stream("endless", "slow");
  const second = peer.stream("endless", "slow");
  const iterator = first[Symbol.asyncIterator]();
  await iterator.next();
  await second[Symbol.asyncIterator]().next();
  expect(await points(METRIC_NAMES.openStreams)).toEqual(
    expect.arrayContaining([
      { side: "server", event: "endless", namespace: "/s", kind: undefined, value: 2 },
      { side: "client", event: "endless", namespace: "/s", kind: undefined, value: 2 },
    ]),
  );
  first.cancel();
  await until(() => seen.closed === 1);
  second.cancel();
  await until(() => seen.closed === 2);
  const closed = await points(METRIC_NAMES.openStreams);
  expect(closed.map((point) => [point.side, point.value])).toEqual(
    expect.arrayContaining([
      ["server", 0],
      ["client", 0],
    ]),
  );

  expect(await collect(peer.stream("count", { n: 4 }))).toHaveLength(4);
  const sent = (await points(METRIC_NAMES.sent)).filter((point) => point.kind === "item" && point.event === "count");
  expect(sent).toEqual([{ side: "server", event: "count", namespace: "/s", kind: "item", value: 4 }]);
});

it("an incoming interceptor sees a stream request and may refuse it: the stream fails FORBIDDEN before any item and the handler never runs; others still open", async () => {
  const { server, chat, seen } = await startStreams();
  const calls: string[] = [];
  server.of("/s").intercept({
    incoming: (call, next) => {
      calls.push(`${call.event}:${JSON.stringify(call.args)}`);
      if (call.event === "endless") throw new ContractError("FORBIDDEN", { message: "No endless streams for you." });
      return next();
    },
  });
  const refused = chat.stream("endless", "fast");
  const received: number[] = [];
  await expect(
    (async () => {
      for await (const item of refused) received.push(item);
    })(),
  ).rejects.toMatchObject({ code: "FORBIDDEN", message: "No endless streams for you." });
  expect(received).toEqual([]);
  expect(seen.produced).toBe(0);
  const allowed = chat.stream("count", { n: 2 });
  expect(await collect(allowed)).toEqual([{ i: 0 }, { i: 1 }]);
  expect(await allowed.ack).toEqual({ total: 2 });
  expect(calls).toEqual(['endless:["fast"]', 'count:[{"n":2}]']);
});

it("an upload passes an incoming interceptor that lets it through: the handler reads every chunk", async () => {
  const { server, chat } = await startStreams();
  const events: string[] = [];
  server.of("/s").intercept({
    incoming: (call, next) => {
      events.push(call.event);
      return next();
    },
  });
  const stream = chat.stream("upload", { name: "a" }, [pattern(0, 10), pattern(10, 20)]);
  expect(await stream.ack).toMatchObject({ bytes: 30 });
  expect(events).toEqual(["upload"]);
});
