import { type ScenarioReport, metric } from "../report.js";
import { type Worker, startWorker } from "../rpc.js";
import type { Settings } from "../settings.js";
import { alternate } from "../stats.js";

const VARIANTS = [
  { key: "plain", label: "plain Socket.IO", short: "plain" },
  { key: "bound", label: "socket-contract", short: "contract" },
] as const;

const WARM_UP_CONNECTIONS = 100;

/**
 * Scenario 5: the server's heap per connected socket. Each measurement is a fresh server process:
 * a warm-up wave of connections opened and closed (so code and caches are in place), a settled heap,
 * then every connection opened at once and the heap settled again.
 */
export async function heapPerSocket(settings: Settings): Promise<ScenarioReport> {
  const { rounds, connections, processes } = settings.memory;
  const results = await alternate(["plain", "bound"] as const, rounds, (variant) =>
    measure(variant, connections, processes),
  );
  const perSocket = metric(
    `heap per connected socket at ${connections.toLocaleString("en-US")} connections`,
    "KiB",
    "lower",
    results,
  );
  const extra = perSocket.medians.bound! - perSocket.medians.plain!;
  return {
    id: "5",
    title: "Memory: server heap per connected socket",
    variants: VARIANTS,
    metrics: [perSocket],
    targets: [
      {
        description: "at most 1 KiB of extra heap per socket",
        measured: `${extra >= 0 ? "+" : ""}${extra.toFixed(2)} KiB per socket`,
        pass: extra <= 1,
      },
    ],
    notes: [
      "heapUsed after forced full collections, minus the same after a warm-up wave; the server in its own process, clients in others",
      "both servers register the same three handlers per socket and join it to one room; bindServer runs with its default options (per-socket limits on)",
    ],
    settings: { rounds, connections, processes },
  };
}

/**
 * Scenario 12: the same measure with one child namespace per socket, as a multi-tenant app has
 * (`/org/:orgId`; plain Socket.IO with the same regular-expression parent namespace), so what the
 * runtime keeps per tenant (its parsed params, its runtime, its adapter listener) is in the figure.
 */
export async function heapPerTenant(settings: Settings): Promise<ScenarioReport> {
  const { rounds, tenants, processes } = settings.memory;
  const results = await alternate(["plain", "bound"] as const, rounds, (variant) =>
    measure(variant, tenants, processes, true),
  );
  const perSocket = metric(
    `heap per connected socket, ${tenants.toLocaleString("en-US")} tenants of one socket each`,
    "KiB",
    "lower",
    results,
  );
  const extra = perSocket.medians.bound! - perSocket.medians.plain!;
  return {
    id: "12",
    title: "Memory: server heap per socket, one child namespace per socket",
    variants: VARIANTS,
    metrics: [perSocket],
    targets: [
      {
        description: `at most 1 KiB of extra heap per socket across ${tenants.toLocaleString("en-US")} child namespaces`,
        measured: `${extra >= 0 ? "+" : ""}${extra.toFixed(2)} KiB per socket`,
        pass: extra <= 1,
      },
    ],
    notes: [
      "as scenario 5 (fresh server process per measurement, warm-up wave, heapUsed after forced full collections), with each socket on its own child namespace /org/<tenant>",
      "plain Socket.IO serves the regular expression /^\\/org\\/[^/]+$/, bindServer the key /org/:orgId with a params schema; both with cleanupEmptyChildNamespaces, so the warm-up wave's tenants are dropped before the measure",
    ],
    settings: { rounds, tenants, processes },
  };
}

async function measure(
  variant: "plain" | "bound",
  connections: number,
  processes: number,
  tenants = false,
): Promise<number> {
  const server = startWorker("memory-server", ["--expose-gc"], {
    BENCH_VARIANT: variant,
    BENCH_TENANTS: tenants ? "1" : "0",
  });
  const holders: Worker[] = [];
  // Each holder process its own tenants; the warm-up wave's are other tenants again.
  const tenantsOf = (namespace: string, holder: number | "warm-up") =>
    tenants ? `${namespace}/${holder === "warm-up" ? "w" : `p${holder}-`}t` : undefined;
  try {
    const { url, namespace } = await server.call<{ url: string; namespace: string }>("listen");
    for (let i = 0; i < processes; i++) holders.push(startWorker("connection-holder"));
    await holders[0]!.call("connect", {
      url,
      namespace,
      count: WARM_UP_CONNECTIONS,
      tenants: tenantsOf(namespace, "warm-up"),
    });
    await holders[0]!.call("close");
    await server.call("disconnectAll");
    const before = await server.call<number>("heap");
    const share = Math.ceil(connections / processes);
    await Promise.all(
      holders.map((holder, i) =>
        holder.call(
          "connect",
          { url, namespace, count: Math.min(share, connections - i * share), tenants: tenantsOf(namespace, i) },
          300_000,
        ),
      ),
    );
    const connected = await server.call<number>("connected");
    if (connected !== connections) throw new Error(`${connected} of ${connections} sockets connected`);
    const after = await server.call<number>("heap");
    return (after - before) / connections / 1024;
  } finally {
    await Promise.all([...holders.map((holder) => holder.stop()), server.stop()]);
  }
}
