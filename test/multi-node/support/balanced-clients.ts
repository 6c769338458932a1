import { Agent } from "node:http";
import { type BoundClient, bindClient } from "@socket-contract/client";
import type { ContractError } from "@socket-contract/contract";
import type { ManagerOptions, SocketOptions } from "socket.io-client";
import type { z } from "zod";
import { client, connected } from "../../support/util.js";
import { type ClusterContract, type Tick, clusterContract } from "../fixtures/cluster-contract.js";

/** A bound /chat client that reaches the nodes through a load balancer, from a loopback address of its own. */
export interface BalancedClient {
  readonly bound: BoundClient<ClusterContract, "/chat">;
  readonly ticks: z.output<typeof Tick>[];
  readonly notices: string[];
  readonly errors: ContractError[];
  /** Every `connect_error` the socket saw (a refused session, a node that was gone). */
  readonly connectErrors: string[];
  /** Every value of `socket.recovered` at each (re)connection, in order. */
  readonly connections: boolean[];
  /** Which node answers now: the node name in a `room:join` ack. */
  whichNode(room?: string): Promise<string>;
}

/**
 * Connects through `url` (the balancer) from `localAddress` (127.0.0.2, 127.0.0.3, ...: the
 * address nginx hashes), over the given transports, reconnecting by itself as a real client does.
 * An `http.Agent` carries the local address for both long-polling requests and the WebSocket.
 *
 * @example
 * const ann = await balancedClient(balancer.url, "127.0.0.2", { token: "ann", transports: ["polling"] });
 */
export async function balancedClient(
  url: string,
  localAddress: string,
  options: {
    token: string;
    rooms?: string[];
    transports?: ("polling" | "websocket")[];
    socket?: Partial<ManagerOptions & SocketOptions>;
  },
): Promise<BalancedClient> {
  const agent = new Agent({ localAddress, keepAlive: false });
  const socket = client(url, "/chat", {
    auth: { token: options.token, rooms: options.rooms ?? [] },
    transports: options.transports ?? ["polling", "websocket"],
    agent: agent as never,
    reconnection: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
    ...options.socket,
  });
  const bound = bindClient(clusterContract, "/chat", socket);
  const received: BalancedClient = {
    bound,
    ticks: [],
    notices: [],
    errors: [],
    connectErrors: [],
    connections: [],
    whichNode: async (room = "probe") => (await bound.timeout(5_000).emit("room:join", room)).node,
  };
  bound.on("tick", (tick) => void received.ticks.push(tick));
  bound.on("notice", (text) => void received.notices.push(text));
  bound.onError((error) => void received.errors.push(error));
  socket.on("connect", () => void received.connections.push(socket.recovered));
  socket.on("connect_error", (error) => void received.connectErrors.push(error.message));
  await connected(socket);
  return received;
}
