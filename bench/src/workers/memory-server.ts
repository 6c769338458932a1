// The server of scenarios 5 and 12, one process per measurement (started with --expose-gc): either
// plain Socket.IO or bindServer with its default options, each socket with the same handlers.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { bindServer } from "@socket-contract/server";
import { type Namespace, Server } from "socket.io";
import { benchContract } from "../contract.js";
import { receiptOf } from "../payloads.js";
import { serve } from "../rpc.js";
import { tenantsContract } from "../tenants-contract.js";

const variant = process.env.BENCH_VARIANT === "bound" ? "bound" : "plain";
/** Scenario 12: one child namespace per socket under `/org/:orgId` (a regular expression for plain Socket.IO). */
const tenants = process.env.BENCH_TENANTS === "1";
const http = createServer();
// Empty tenants are dropped, as a multi-tenant app sets it, so the warm-up wave's are gone.
const io = new Server(http, { serveClient: false, cleanupEmptyChildNamespaces: tenants });
let handled = 0;

if (variant === "plain") {
  io.of(tenants ? /^\/org\/[^/]+$/ : "/plain").on("connection", (socket) => {
    socket.join("all");
    socket.on("order:place", (order, callback) => callback(receiptOf(order)));
    socket.on("order:track", () => {
      handled++;
    });
    socket.on("bench:sync", (callback) => callback(handled));
  });
} else if (tenants) {
  bindServer(tenantsContract, io)
    .of("/org/:orgId")
    .on("connection", (socket) => {
      socket.join("all");
      socket.on("order:place", (order) => receiptOf(order));
      socket.on("order:track", () => {
        handled++;
      });
      socket.on("bench:sync", () => handled);
    });
} else {
  bindServer(benchContract, io)
    .of("/bound")
    .on("connection", (socket) => {
      socket.join("all");
      socket.on("order:place", (order) => receiptOf(order));
      socket.on("order:track", () => {
        handled++;
      });
      socket.on("bench:sync", () => handled);
    });
}
const path = tenants ? "/org" : `/${variant}`;
/** The namespaces whose sockets count: the one of scenario 5, or every tenant's. */
const namespaces = (): Namespace[] =>
  tenants ? [...io._nsps.values()].filter((namespace) => namespace.name.startsWith("/org/")) : [io.of(path)];
const connected = (): number => namespaces().reduce((sum, namespace) => sum + namespace.sockets.size, 0);

/** The heap after full collections, once it has stopped shrinking. */
async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("start the memory server with --expose-gc");
  let previous = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    await sleep(50);
    const used = process.memoryUsage().heapUsed;
    if (used >= previous - 4096) return used;
    previous = used;
  }
  return previous;
}

serve({
  async listen(): Promise<{ url: string; namespace: string }> {
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, namespace: path };
  },
  heap: () => settledHeap(),
  connected,
  disconnectAll: async () => {
    for (const namespace of namespaces()) namespace.disconnectSockets(true);
    while (connected() > 0 || io.engine.clientsCount > 0 || (tenants && namespaces().length > 0)) await sleep(20);
  },
});
