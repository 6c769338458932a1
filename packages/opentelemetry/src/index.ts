export { ATTRIBUTES } from "./attributes.js";
export { metrics, METRIC_NAMES, type MetricsOptions } from "./metrics.js";
export { tracing, type TracingOptions } from "./tracing.js";
