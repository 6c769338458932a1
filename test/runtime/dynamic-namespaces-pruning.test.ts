import { bindClient } from "@socket-contract/client";
import { type BoundServer, bindServer } from "@socket-contract/server";
import { Manager, type Socket as ClientSocket } from "socket.io-client";
import { expect, it } from "vitest";
import { settledHeap } from "../reliability/support/heap.js";
import { client, connected, startServer, until } from "../support/util.js";
import { tenants } from "../support/tenants-contract.js";

const TENANTS = 1_000;

/**
 * Opens 1,000 tenants on one connection (Socket.IO multiplexes namespaces), uses each as an
 * application does, closes them all and waits until Socket.IO has dropped their namespaces.
 * Resolves with weak references to what the server held for each tenant while it was open.
 */
async function openAndClose(server: BoundServer<typeof tenants>, url: string, round: number) {
  const io = server.io;
  const paths = Array.from({ length: TENANTS }, (_, index) => `/org/r${round}-t${index}`);
  const greeted = new Set<string>();
  const namespacesBefore = io._nsps.size;
  const manager = new Manager(url, { transports: ["websocket"], reconnection: false, autoConnect: false });
  await new Promise<void>((resolve, reject) => manager.open((error) => (error ? reject(error) : resolve())));
  // Each tenant's own listener, on its bound child: the runtime's per-tenant state at its largest.
  const children = paths.map((path) => {
    const child = server.of(path as `/org/${string}`);
    child.on("connection", (socket) => {
      greeted.add(socket.params.orgId);
    });
    return new WeakRef(child);
  });
  const sockets: ClientSocket[] = await Promise.all(
    paths.map((path) => {
      const socket = manager.socket(path);
      const opened = connected(socket).then(() => socket);
      socket.connect();
      return opened;
    }),
  );
  const namespaces = paths.map((path) => new WeakRef(io._nsps.get(path)!));
  expect(greeted.size).toBe(TENANTS);
  const answers = await Promise.all(
    sockets.map((socket, index) => bindClient(tenants, paths[index] as `/org/${string}`, socket).emit("whoami")),
  );
  expect(answers).toEqual(paths.map((path) => path.slice(5)));
  // A broadcast through a tenant's bound child reaches that tenant alone.
  const notices: string[] = [];
  sockets.forEach((socket, index) => socket.on("notice", (text: string) => notices.push(`${paths[index]} ${text}`)));
  server.of(paths[7] as `/org/${string}`).emit("notice", "hello");
  await until(() => notices.length > 0);
  expect(notices).toEqual([`${paths[7]} hello`]);
  for (const socket of sockets) socket.disconnect();
  await until(() => io._nsps.size === namespacesBefore, 10_000);
  manager._close();
  await until(() => io.engine.clientsCount === 0);
  return { children, namespaces };
}

// With `cleanupEmptyChildNamespaces`, Socket.IO drops a child namespace when its last socket
// leaves; what the runtime keeps per tenant (its parsed params, its bound child made by
// `server.of(path)`, that child's middleware and listeners) must go with it. The bound children
// were kept by path in a map of the pattern's namespace before, for ever: a server that saw a
// million tenants in a month held a million namespaces with their adapters.
it("keeps nothing of 1,000 tenants once their sockets are gone", { timeout: 120_000 }, async () => {
  const { io, url } = await startServer({ cleanupEmptyChildNamespaces: true, transports: ["websocket"] });
  const server = bindServer(tenants, io);
  server.of("/org/:orgId").on("connection", (socket) => {
    socket.on("whoami", () => socket.params.orgId);
  });
  // A first round warms up (compiled code, pools); the next two, on new tenants, must not grow the heap.
  await openAndClose(server, url, 0);
  const heapBefore = await settledHeap();
  await openAndClose(server, url, 1);
  const { children, namespaces } = await openAndClose(server, url, 2);
  const kept = ((await settledHeap()) - heapBefore) / (2 * TENANTS);
  console.log(`[heap] kept per closed tenant: ${Math.round(kept)} B`);
  // Nothing refers to a closed tenant any more: its Socket.IO namespace and its bound child are garbage.
  expect(namespaces.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  expect(children.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  // Plain Socket.IO keeps 100–250 B per closed tenant here (heap noise of one process); a namespace kept
  // with its adapter and bound child costs several KiB.
  expect(kept).toBeLessThan(1_024);

  // A tenant that comes back is a new namespace, admitted and served as the first time; the
  // listener of its old bound child went with it, as Socket.IO's listeners on a dropped child do.
  let greeted = 0;
  server.of("/org/:orgId").on("connection", () => {
    greeted++;
  });
  const again = client(url, "/org/r2-t7");
  await connected(again);
  expect(await bindClient(tenants, "/org/r2-t7", again).emit("whoami")).toBe("r2-t7");
  expect(greeted).toBe(1);
  expect(io._nsps.has("/org/r2-t7")).toBe(true);
});
