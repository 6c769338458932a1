// The server of the interceptors scenario: the same handlers on /none (no interceptor), /noop (one
// that does nothing) and /traced (tracing()); with BENCH_OTEL_SDK=1, the SDK is registered first.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tracing } from "@socket-contract/opentelemetry";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { interceptContract, noopInterceptor } from "../intercept-contract.js";
import { exportedSpans, registerSdkIfAsked } from "../otel-sdk.js";
import { receiptOf } from "../payloads.js";
import { serve } from "../rpc.js";

const sdk = registerSdkIfAsked();
const http = createServer();
const io = new Server(http, { serveClient: false });
const server = bindServer(interceptContract, io, {
  rateLimit: false,
  maxInFlight: false,
  onError: (error, context) => console.error("[bench intercept-server]", error.code, context.event, error.message),
});

server.of("/noop").intercept(noopInterceptor);
server.of("/traced").intercept(tracing());
server.of("/none").on("connection", (socket) => void socket.on("order:place", (order) => receiptOf(order)));
server.of("/noop").on("connection", (socket) => void socket.on("order:place", (order) => receiptOf(order)));
server.of("/traced").on("connection", (socket) => void socket.on("order:place", (order) => receiptOf(order)));

serve({
  async listen(): Promise<{ url: string; sdk: boolean }> {
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, sdk };
  },
  cpu: () => {
    const usage = process.cpuUsage();
    return usage.user + usage.system;
  },
  spans: () => exportedSpans(),
});
