import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { defineContract, type Refusal } from "@socket-contract/contract";
import { METRIC_NAMES, metrics } from "@socket-contract/opentelemetry";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer, until } from "../support/util.js";

// A flood past the rate limit: the README promises that `refused` sees each incoming event refused
// before the interceptors, rate-limited ones included, and metrics() counts "events received,
// refusals included", with unknown names under "(unknown)" so that a peer cannot grow the number
// of series. An ack-less event refused while the peer's report was throttled (one contract:error a
// second) reached onError only, so metrics counted one refusal a second of a flood; and a refusal
// for the rate limit was counted under whatever name the peer sent, one new series per name.
const contract = defineContract({
  name: "flooded",
  version: "1.0.0",
  namespaces: {
    "/a": {
      clientToServer: { note: { args: [z.string()] }, ask: { args: [z.string()], ack: z.string() } },
    },
  },
});

it("every rate-limited refusal reaches refused and metrics(), and unknown names stay under (unknown)", async () => {
  const exported = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: exported, exportIntervalMillis: 60_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const { io, url } = await startServer({ transports: ["websocket"] });
  const onError: string[] = [];
  const refused: Refusal[] = [];
  const server = bindServer(contract, io, {
    rateLimit: { eventsPerSecond: 0.001, burst: 5 }, // no refill during the test
    onError: (error) => onError.push(`${error.code} ${error.event}`),
    interceptors: [metrics({ meterProvider }), { refused: (refusal) => void refused.push(refusal) }],
  });
  server.of("/a").on("connection", (socket) => {
    socket.on("note", () => {});
    socket.on("ask", (text) => text);
  });
  const socket = client(url, "/a", { transports: ["websocket"] });
  await connected(socket);
  // Valid events first: the names the contract knows.
  expect(await socket.timeout(2_000).emitWithAck("ask", "hi")).toEqual({ ok: true, data: "hi" });
  socket.emit("note", "hi");
  expect(await socket.timeout(2_000).emitWithAck("ask", "again")).toEqual({ ok: true, data: "again" });
  // Then a flood: the burst's 2 remaining tokens go to the first notes, the rest is refused.
  for (let n = 0; n < 40; n++) socket.emit("note", `n${n}`);
  for (let n = 0; n < 20; n++) socket.emit(`made-up-${n}`, "x");
  for (let n = 0; n < 20; n++) socket.emit(`made-up-acked-${n}`, "x", () => {});
  await until(() => onError.length >= 78);
  expect(onError.filter((line) => line.startsWith("RATE_LIMITED")).length).toBe(78);
  await until(() => refused.length >= onError.length).catch(() => {});
  expect(refused.map((refusal) => `${refusal.error.code} ${refusal.event}`)).toEqual(onError);

  await reader.forceFlush();
  const points = exported
    .getMetrics()
    .flatMap((resource) => resource.scopeMetrics)
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === METRIC_NAMES.received)
    .flatMap((metric) => metric.dataPoints as { attributes: Record<string, unknown>; value: unknown }[])
    .map((point) => [
      point.attributes["messaging.socket.io.event_name"],
      point.attributes["socket_contract.outcome"],
      point.value,
    ]);
  expect(points).toEqual(
    expect.arrayContaining([
      ["ask", "OK", 2],
      ["note", "OK", 3],
      ["note", "RATE_LIMITED", 38],
      ["(unknown)", "RATE_LIMITED", 40],
    ]),
  );
  expect(points).toHaveLength(4);
});
