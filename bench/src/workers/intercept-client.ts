// The client of the interceptors scenario: one bound client per namespace, each with the
// interceptors its server namespace has (none, one doing nothing, tracing()).
import type { Interceptor } from "@socket-contract/contract";
import { type BoundClient, bindClient } from "@socket-contract/client";
import { tracing } from "@socket-contract/opentelemetry";
import { io } from "socket.io-client";
import {
  INTERCEPT_NAMESPACES,
  type InterceptNamespace,
  interceptContract,
  noopInterceptor,
} from "../intercept-contract.js";
import { exportedSpans, registerSdkIfAsked } from "../otel-sdk.js";
import { makeOrder } from "../payloads.js";
import { serve } from "../rpc.js";
import { percentile } from "../stats.js";

registerSdkIfAsked();
const nowNs = (): number => performance.now() * 1e6;
const latencyBuffer = new Float64Array(1_000_000);
const interceptorsOf: Record<InterceptNamespace, Interceptor[]> = {
  "/none": [],
  "/noop": [noopInterceptor],
  "/traced": [tracing()],
};
// The three namespaces hold the same events: typed as one of them.
type Client = BoundClient<typeof interceptContract, "/none">;
const clients = new Map<InterceptNamespace, Client>();

async function connect(input: { url: string }): Promise<void> {
  for (const path of INTERCEPT_NAMESPACES) {
    const socket = io(`${input.url}${path}`, {
      forceNew: true,
      reconnection: false,
      transports: ["websocket"],
      autoConnect: false,
    });
    // Bound before connecting: a propagating interceptor declares its carrier in the handshake.
    const client: Client = bindClient(interceptContract, path as "/none", socket, {
      ackTimeout: 30_000,
      interceptors: interceptorsOf[path],
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
      socket.connect();
    });
    clients.set(path, client);
  }
}

/** Keeps `inFlight` acked `order:place` calls outstanding for `durationMs`, as scenario 1 does. */
async function acked(input: { namespace: InterceptNamespace; inFlight: number; durationMs: number }) {
  const client = clients.get(input.namespace)!;
  const before = process.cpuUsage();
  const { count, elapsedNs } = await new Promise<{ count: number; elapsedNs: number }>((resolve, reject) => {
    const start = nowNs();
    const end = start + input.durationMs * 1e6;
    let count = 0;
    let active = input.inFlight;
    let index = 0;
    const slot = (): void => {
      const sentAt = nowNs();
      client.emit("order:place", makeOrder(index++)).then(() => {
        const now = nowNs();
        if (count < latencyBuffer.length) latencyBuffer[count] = now - sentAt;
        count++;
        if (now < end) slot();
        else if (--active === 0) resolve({ count, elapsedNs: now - start });
      }, reject);
    };
    for (let i = 0; i < input.inFlight; i++) slot();
  });
  const cpu = process.cpuUsage(before);
  const recorded = latencyBuffer.subarray(0, Math.min(count, latencyBuffer.length));
  return {
    perSecond: (count / elapsedNs) * 1e9,
    p50Ns: percentile(recorded, 50),
    p99Ns: percentile(recorded, 99),
    count,
    cpuUs: cpu.user + cpu.system,
  };
}

serve({ connect, acked, spans: () => exportedSpans() });
