import type { IncomingMessage, ServerResponse } from "node:http";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { ServerInterceptor } from "@socket-contract/server";
import { metrics, tracing } from "@socket-contract/opentelemetry";

/** The path Prometheus scrapes, on the chat's own port. */
export const METRICS_PATH = "/metrics";

const SERVICE_NAME = "socket-contract-chat";

export interface ChatTelemetryOptions {
  /** `"console"` prints a span per handshake and per received event to stdout; anything else traces nothing. */
  readonly tracesExporter?: string;
}

/** The chat's OpenTelemetry: the interceptors to bind the server with, `/metrics`, and shutdown. */
export interface ChatTelemetry {
  readonly interceptors: readonly ServerInterceptor[];
  /** Answers `GET /metrics` with every metric in Prometheus' text format; false for any other request. */
  serveMetrics(request: IncomingMessage, response: ServerResponse): boolean;
  shutdown(): Promise<void>;
}

/**
 * The SDK lives here, in the server only: the web page imports none of it. Each app gets its own
 * meter provider (two chats in one process, as in the tests, count apart); the exporter starts no
 * server of its own, the chat's HTTP server hands it `/metrics`.
 *
 * @example
 * const telemetry = chatTelemetry({ tracesExporter: process.env.OTEL_TRACES_EXPORTER });
 * const server = bindContractServer(io, { interceptors: [...telemetry.interceptors] });
 */
export function chatTelemetry(options: ChatTelemetryOptions = {}): ChatTelemetry {
  const resource = resourceFromAttributes({ "service.name": SERVICE_NAME });
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const meterProvider = new MeterProvider({ resource, readers: [exporter] });
  const interceptors: ServerInterceptor[] = [metrics({ meterProvider })];
  let tracerProvider: BasicTracerProvider | undefined;
  if (options.tracesExporter === "console") {
    tracerProvider = new BasicTracerProvider({
      resource,
      spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
    });
    // So that spans a handler starts are children of its event's span.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    interceptors.push(tracing({ tracerProvider }));
  }
  return {
    interceptors,
    serveMetrics(request, response) {
      if (new URL(request.url ?? "/", "http://localhost").pathname !== METRICS_PATH) return false;
      if (request.method !== "GET" && request.method !== "HEAD") return false;
      exporter.getMetricsRequestHandler(request, response);
      return true;
    },
    async shutdown() {
      await Promise.all([meterProvider.shutdown(), tracerProvider?.shutdown()]);
    },
  };
}
