import { defineContract, type Interceptor } from "@socket-contract/contract";
import { benchContract } from "./contract.js";

const events = benchContract.namespaces["/bound"];

/**
 * The contract of the interceptors scenario: the same events on three namespaces, so that one
 * server process holds every variant side by side. `/none` has no interceptor, `/noop` one that
 * does nothing, `/traced` OpenTelemetry's `tracing()`.
 */
export const interceptContract = defineContract({
  name: "bench-interceptors",
  version: "1.0.0",
  namespaces: { "/none": events, "/noop": events, "/traced": events },
});

export type InterceptNamespace = keyof typeof interceptContract.namespaces;
export const INTERCEPT_NAMESPACES = ["/none", "/noop", "/traced"] as const satisfies readonly InterceptNamespace[];

/** Registered, and does nothing: what any interceptor costs before it does its own work. */
export const noopInterceptor: Interceptor = { incoming: (_call, next) => next(), outgoing: () => undefined };
