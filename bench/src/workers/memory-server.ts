// The server of scenario 5, one process per measurement (started with --expose-gc): either plain
// Socket.IO or bindServer with its default options, each socket with the same handlers.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { benchContract } from "../contract.js";
import { receiptOf } from "../payloads.js";
import { serve } from "../rpc.js";

const variant = process.env.BENCH_VARIANT === "bound" ? "bound" : "plain";
const http = createServer();
const io = new Server(http, { serveClient: false });
let handled = 0;

if (variant === "plain") {
  io.of("/plain").on("connection", (socket) => {
    socket.join("all");
    socket.on("order:place", (order, callback) => callback(receiptOf(order)));
    socket.on("order:track", () => {
      handled++;
    });
    socket.on("bench:sync", (callback) => callback(handled));
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
const namespace = io.of(`/${variant}`);

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
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, namespace: `/${variant}` };
  },
  heap: () => settledHeap(),
  connected: () => namespace.sockets.size,
  disconnectAll: async () => {
    namespace.disconnectSockets(true);
    while (namespace.sockets.size > 0 || io.engine.clientsCount > 0) await sleep(20);
  },
});
