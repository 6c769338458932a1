import { bindServer } from "@socket-contract/server";
import { Manager, type Socket as ClientSocket } from "socket.io-client";
import { expect, it } from "vitest";
import { settledHeap } from "../reliability/support/heap.js";
import { startServer } from "../support/util.js";
import { tenants } from "../support/tenants-contract.js";

const TENANTS = 1_000;

/**
 * The heap that 1,000 tenants, one socket each, cost in one process (server and client side),
 * per socket. The clients share one connection (Socket.IO multiplexes namespaces), so what is
 * measured is mostly the server's namespaces and sockets.
 */
async function heapPerSocket(bind: (io: Awaited<ReturnType<typeof startServer>>["io"]) => void): Promise<number> {
  const { io, url } = await startServer({ transports: ["websocket"] });
  bind(io);
  const manager = new Manager(url, { transports: ["websocket"], reconnection: false, autoConnect: false });
  const before = await settledHeap();
  const sockets: ClientSocket[] = [];
  await new Promise<void>((resolve, reject) => {
    manager.open((error) => (error ? reject(error) : resolve()));
  });
  await Promise.all(
    Array.from({ length: TENANTS }, (_, index) => {
      const socket = manager.socket(`/org/t${index}`);
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
        socket.connect();
      });
    }),
  );
  expect(io._nsps.size).toBeGreaterThanOrEqual(TENANTS);
  const grown = (await settledHeap()) - before;
  for (const socket of sockets) socket.disconnect();
  manager._close();
  return grown / TENANTS;
}

// The target (+1 KiB per socket) is a memory target, which belongs to the benchmarks on a quiet
// machine (measured 371–1,383 B here, with the noise of one process); this test guards against a cost
// that grows per tenant (a per-namespace copy of the catalog, say), which would show as several KiB.
it("keeps 1,000 child namespaces within 4 KiB of plain Socket.IO per socket", { timeout: 120_000 }, async () => {
  // Each variant twice, interleaved, keeping the lower figure of each: a loaded machine adds noise.
  const plain: number[] = [];
  const bound: number[] = [];
  for (let round = 0; round < 2; round++) {
    // The plain server does what the bound one does: one handler per socket, answering with the id.
    plain.push(
      await heapPerSocket((io) =>
        io.of(/^\/org\/[^/]+$/).on("connection", (socket) => {
          socket.on("whoami", (callback: (id: string) => void) => callback(socket.nsp.name.slice(5)));
        }),
      ),
    );
    bound.push(
      await heapPerSocket((io) => {
        bindServer(tenants, io)
          .of("/org/:orgId")
          .on("connection", (socket) => {
            socket.on("whoami", () => socket.params.orgId);
          });
      }),
    );
  }
  const extra = Math.min(...bound) - Math.min(...plain);
  console.log(
    `[heap] per socket: plain ${Math.round(Math.min(...plain))} B, bound ${Math.round(Math.min(...bound))} B, extra ${Math.round(extra)} B`,
  );
  expect(extra).toBeLessThanOrEqual(4_096);
});
