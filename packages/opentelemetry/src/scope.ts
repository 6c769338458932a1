/** The instrumentation scope of every tracer and meter this package asks for. */
export const SCOPE_NAME = "@socket-contract/opentelemetry";
export const SCOPE_VERSION = "0.1.0";
