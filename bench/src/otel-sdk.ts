import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { ExportResultCode, W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";

let exported = 0;

/**
 * What an app does to trace for real, when the worker runs with `BENCH_OTEL_SDK=1`: the SDK
 * registered globally (async-hooks context, W3C propagation, a tracer provider) with the default
 * `BatchSpanProcessor`, whose exporter counts the spans and drops them (no network in the figure),
 * and the SDK's default sampler (parent-based, always on). With `BENCH_OTEL_RATIO` too (such as
 * `0.1`), the sampler keeps that share of new traces (parent-based over a trace-id ratio), as
 * production setups often do. Without it the OpenTelemetry API stays a no-op.
 */
export function registerSdkIfAsked(): boolean {
  if (process.env.BENCH_OTEL_SDK !== "1") return false;
  const exporter: SpanExporter = {
    export: (spans, done) => {
      exported += spans.length;
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => {},
  };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const ratio = process.env.BENCH_OTEL_RATIO;
  const sampler =
    ratio === undefined
      ? {}
      : { sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(Number(ratio)) }) };
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ ...sampler, spanProcessors: [new BatchSpanProcessor(exporter)] }),
  );
  return true;
}

/** Spans exported so far (the batch processor hands them over every few seconds or 512 at a time). */
export function exportedSpans(): number {
  return exported;
}
