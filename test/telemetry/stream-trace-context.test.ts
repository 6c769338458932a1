import { SpanKind } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { bindClient } from "@socket-contract/client";
import { defineContract, streamOf } from "@socket-contract/contract";
import { tracing } from "@socket-contract/opentelemetry";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer, until } from "../support/util.js";
import { useTraceContext } from "../support/otel-context.js";

// A stream request carried no trace context: the server's span of a stream had no parent and the
// client recorded none. The requester's carrier now travels in contract:open's header, an optional
// field older peers ignore.
useTraceContext();

const files = defineContract({
  name: "traced-streams",
  version: "1.0.0",
  namespaces: {
    "/files": {
      clientToServer: {
        search: { args: [z.string()], stream: z.object({ path: z.string() }), ack: z.object({ total: z.number() }) },
        upload: { args: [z.string(), streamOf(z.string())], ack: z.number() },
      },
    },
  },
});

async function traced() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const { io, url } = await startServer();
  const server = bindServer(files, io, { interceptors: [tracing({ tracerProvider })] });
  const headers: unknown[] = [];
  io.of("/files").on("connection", (raw) => raw.onAny((_event: string, header: unknown) => void headers.push(header)));
  server.of("/files").on("connection", (socket) => {
    socket.on("search", async function* (query) {
      tracerProvider.getTracer("app").startSpan(`walk ${query}`).end();
      yield { path: "a.ts" };
      yield { path: "b.ts" };
      return { total: 2 };
    });
    socket.on("upload", async (_name, chunks) => {
      let n = 0;
      for await (const chunk of chunks) n += chunk.length;
      return n;
    });
  });
  const peer = bindClient(files, "/files", client(url, "/files"), { interceptors: [tracing({ tracerProvider })] });
  await connected(peer.socket);
  return { spans, peer, headers, url };
}

const named = (spans: InMemorySpanExporter, name: string) =>
  spans.getFinishedSpans().find((span) => span.name === name);

it("a stream request is one trace: the client's send span is the parent of the server's process span", async () => {
  const { spans, peer, headers } = await traced();
  const results = peer.stream("search", "*.ts");
  const paths: string[] = [];
  for await (const { path } of results) paths.push(path);
  expect(paths).toEqual(["a.ts", "b.ts"]);
  expect(await results.ack).toEqual({ total: 2 });
  await until(() => named(spans, "send search") !== undefined && named(spans, "process search") !== undefined);
  const send = named(spans, "send search")!;
  const processed = named(spans, "process search")!;
  expect(send.kind).toBe(SpanKind.PRODUCER);
  expect(send.attributes).toMatchObject({
    "messaging.system": "socket.io",
    "messaging.operation.type": "send",
    "messaging.destination.name": "/files",
    "messaging.socket.io.event_name": "search",
  });
  expect(processed.spanContext().traceId).toBe(send.spanContext().traceId);
  expect(processed.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
  expect(processed.attributes).toMatchObject({ "socket_contract.outcome": "OK" });
  // The handler runs inside the server's span.
  expect(named(spans, "walk *.ts")!.parentSpanContext?.spanId).toBe(processed.spanContext().spanId);
  // On the wire: the header's optional carrier field.
  const traceparent = `00-${send.spanContext().traceId}-${send.spanContext().spanId}-01`;
  expect(headers).toContainEqual({ id: 1, event: "search", credit: 16, carrier: { traceparent } });
});

it("an upload is traced the same way", async () => {
  const { spans, peer } = await traced();
  expect(await peer.stream("upload", "notes", ["ab", "cde"]).ack).toBe(5);
  await until(() => named(spans, "send upload") !== undefined && named(spans, "process upload") !== undefined);
  expect(named(spans, "process upload")!.parentSpanContext?.spanId).toBe(
    named(spans, "send upload")!.spanContext().spanId,
  );
});

it("a stream opened with no carrier, or a malformed one, opens as before, its server span a root", async () => {
  const { spans, url } = await traced();
  const raw = client(url, "/files");
  await connected(raw);
  const ends: unknown[] = [];
  raw.on("contract:item", (id: number) => raw.emit("contract:credit", id, 1));
  raw.on("contract:end", (_id: number, envelope: unknown) => void ends.push(envelope));
  raw.emit("contract:open", { id: 1, event: "search", credit: 4 }, "plain");
  raw.emit("contract:open", { id: 3, event: "search", credit: 4, carrier: 42 }, "odd");
  raw.emit("contract:open", { id: 5, event: "search", credit: 4, carrier: { traceparent: "junk" } }, "junk");
  await until(() => ends.length === 3);
  expect(ends).toEqual([0, 1, 2].map(() => ({ ok: true, data: { total: 2 } })));
  await until(() => spans.getFinishedSpans().filter((span) => span.name === "process search").length === 3);
  for (const span of spans.getFinishedSpans().filter((span) => span.name === "process search"))
    expect(span.parentSpanContext).toBeUndefined();
});
