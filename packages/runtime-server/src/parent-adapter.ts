import type { Namespace } from "socket.io";

type Adapter = Namespace["adapter"];
type Fetched = Awaited<ReturnType<Adapter["fetchSockets"]>>;
type BroadcastOptions = Parameters<Adapter["addSockets"]>[0];

/** What this file reads of Socket.IO's parent namespace: its children, private in its types. */
interface Parent {
  readonly adapter: Adapter;
  readonly children: Set<Namespace>;
}

/**
 * Makes the operations of a dynamic namespace's pattern reach every tenant, as its plain `emit`
 * does. Socket.IO's parent namespace forwards only `broadcast` to its children; a broadcast with
 * acks, `socketsJoin`/`socketsLeave`, `disconnectSockets` and `fetchSockets` through a room ran on
 * its own adapter, which holds no socket, so acks and sockets resolved `[]` at once whatever the
 * tenants had and the rest did nothing (Socket.IO's `ParentBroadcastAdapter` overrides `broadcast`
 * only), and its own `fetchSockets()` throws "not supported on parent namespaces".
 */
export function reachChildren(namespace: Namespace): void {
  const parent = namespace as unknown as Parent;
  const adapter = parent.adapter;
  // Socket.IO's reason for throwing: a tenant only another node has is not among this node's
  // children. Every other operation of the pattern reaches the tenants this node has, each one on
  // every node, and so does this.
  namespace.fetchSockets = () => namespace.except([]).fetchSockets();
  adapter.fetchSockets = async (opts: BroadcastOptions) =>
    (
      await Promise.all(
        [...parent.children].map(async (child) => markFetched(child, await child.adapter.fetchSockets(opts))),
      )
    ).flat();
  adapter.addSockets = (opts: BroadcastOptions, rooms: string[]) => {
    for (const child of parent.children) child.adapter.addSockets(opts, rooms);
  };
  adapter.delSockets = (opts: BroadcastOptions, rooms: string[]) => {
    for (const child of parent.children) child.adapter.delSockets(opts, rooms);
  };
  adapter.disconnectSockets = (opts: BroadcastOptions, close: boolean) => {
    for (const child of parent.children) child.adapter.disconnectSockets(opts, close);
  };
  adapter.broadcastWithAck = (packet, opts, clientCount, ack) => {
    const children = [...parent.children];
    // Socket.IO's BroadcastOperator expects one count per server of the parent's adapter (one): each
    // child's counts (one per node under a multi-node adapter) are summed and handed over once.
    let pending = children.length;
    let total = 0;
    if (pending === 0) return clientCount(0);
    for (const child of children) {
      let expected = -1;
      let seen = 0;
      let count = 0;
      const settle = (): void => {
        if (seen !== expected) return;
        expected = Number.NaN; // counted once, whatever arrives later
        total += count;
        if (--pending === 0) clientCount(total);
      };
      child.adapter.broadcastWithAck(
        { ...packet },
        opts,
        (n) => {
          count += n;
          seen++;
          settle();
        },
        ack,
      );
      // A count that never comes (the adapter's backend away) leaves the broadcast to its timeout.
      child.adapter.serverCount().then(
        (n) => {
          expected = n;
          settle();
        },
        () => {},
      );
    }
  };
}

/**
 * The child namespace each socket another node reported was fetched from, keyed by its `handshake`:
 * Socket.IO turns what the adapter gives into a `RemoteSocket` that keeps `id`, `handshake`, `rooms`
 * and `data` only, so the handshake object is what the parent's answer and the socket share. A local
 * socket needs none (its `nsp` says). Held weakly: it goes with the fetched socket.
 */
const FETCHED_FROM = new WeakMap<object, Namespace>();

function markFetched(child: Namespace, sockets: Fetched): Fetched {
  for (const socket of sockets) {
    const { handshake } = socket as { handshake?: unknown; nsp?: unknown };
    if ((socket as { nsp?: unknown }).nsp === undefined && typeof handshake === "object" && handshake !== null)
      FETCHED_FROM.set(handshake, child);
  }
  return sockets;
}

/**
 * The namespace a socket from `fetchSockets()` belongs to: a local socket's own, or the child of a
 * dynamic namespace whose adapter reported a remote one (`undefined` when neither is known).
 *
 * @example
 * const tenant = fetchedFrom(remote)?.name; // "/org/acme"
 */
export function fetchedFrom(socket: { readonly handshake: object; readonly nsp?: Namespace }): Namespace | undefined {
  return socket.nsp ?? FETCHED_FROM.get(socket.handshake);
}
