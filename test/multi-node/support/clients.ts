import { type BoundClient, bindClient } from "@socket-contract/client";
import type { ContractError } from "@socket-contract/contract";
import type { ManagerOptions, SocketOptions } from "socket.io-client";
import type { z } from "zod";
import { client, connected } from "../../support/util.js";
import { type ClusterContract, type FileReady, type Tick, clusterContract } from "../fixtures/cluster-contract.js";
import type { TestNode } from "./nodes.js";

/** A bound client of the cluster contract's /chat namespace, and everything its handlers received. */
export interface ChatClient {
  readonly bound: BoundClient<ClusterContract, "/chat">;
  readonly node: TestNode;
  readonly ticks: z.output<typeof Tick>[];
  readonly notices: string[];
  readonly files: z.output<typeof FileReady>[];
  /** What the client runtime refused or was told of (`onError`). */
  readonly errors: ContractError[];
}

/**
 * Connects a bound client to one node's /chat namespace, in the given rooms, and records what its
 * validated handlers receive. Disconnected after the test.
 *
 * @example
 * const ann = await chatClient(nodeA, { token: "ann", rooms: ["lobby"] });
 */
export async function chatClient(
  node: TestNode,
  options: { token: string; rooms?: string[]; socket?: Partial<ManagerOptions & SocketOptions> },
): Promise<ChatClient> {
  const socket = client(node.url, "/chat", {
    auth: { token: options.token, rooms: options.rooms ?? [] },
    ...options.socket,
  });
  const bound = bindClient(clusterContract, "/chat", socket);
  const received: ChatClient = { bound, node, ticks: [], notices: [], files: [], errors: [] };
  bound.on("tick", (tick) => void received.ticks.push(tick));
  bound.on("notice", (text) => void received.notices.push(text));
  bound.on("file:ready", (file) => void received.files.push(file));
  bound.on("ping", () => ({ token: options.token }));
  bound.onError((error) => void received.errors.push(error));
  await connected(socket);
  return received;
}

/** A bound client of the /admin namespace, recording its notices. */
export async function adminClient(node: TestNode): Promise<{ notices: string[]; errors: ContractError[] }> {
  const socket = client(node.url, "/admin");
  const bound = bindClient(clusterContract, "/admin", socket);
  const received = { notices: [] as string[], errors: [] as ContractError[] };
  bound.on("notice", (text) => void received.notices.push(text));
  bound.onError((error) => void received.errors.push(error));
  await connected(socket);
  return received;
}
