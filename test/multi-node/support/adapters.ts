import { createAdapter as createClusterAdapter } from "@socket.io/cluster-adapter";
import { createAdapter as createRedisAdapter } from "@socket.io/redis-adapter";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import type { ServerOptions } from "socket.io";

/** The adapters the multi-node tests run under; `memory` is Socket.IO's default, one node only. */
export const ADAPTER_KINDS = ["memory", "redis", "redis-streams", "cluster"] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

export interface AdapterSetup {
  readonly adapter: ServerOptions["adapter"] | undefined;
  /** Closes the Redis connections the adapter uses, if any. */
  close(): Promise<void>;
}

/**
 * Builds the adapter of one node. Redis errors (the server going away, refused reconnections) are
 * handed to `onRedisError`: a node-redis client with no `error` listener throws, and takes the
 * process down with it, on the first lost connection.
 */
export async function setUpAdapter(kind: AdapterKind, options: { redisUrl: string; key: string; onRedisError: (error: Error, client: string) => void }): Promise<AdapterSetup> {
  if (kind === "memory") return { adapter: undefined, close: async () => {} };
  // Default socket.io-adapter heartbeats are 5 s; a node learns of its peers faster this way.
  const heartbeat = { heartbeatInterval: 500, heartbeatTimeout: 3_000 };
  if (kind === "cluster") return { adapter: createClusterAdapter(heartbeat) as ServerOptions["adapter"], close: async () => {} };
  // Reconnect quickly and for ever: an outage must end with the node back in the cluster.
  const client = createClient({ url: options.redisUrl, socket: { reconnectStrategy: (retries) => Math.min(50 + retries * 50, 500), connectTimeout: 2_000 } });
  client.on("error", (error: Error) => options.onRedisError(error, "main"));
  await client.connect();
  if (kind === "redis") {
    const sub = client.duplicate();
    sub.on("error", (error: Error) => options.onRedisError(error, "subscriber"));
    await sub.connect();
    return {
      adapter: createRedisAdapter(client, sub, { key: options.key, requestsTimeout: 2_000 }) as ServerOptions["adapter"],
      close: () => Promise.allSettled([client.quit(), sub.quit()]).then(() => {}),
    };
  }
  const adapter = createStreamsAdapter(client, {
    streamName: options.key,
    channelPrefix: options.key,
    sessionKeyPrefix: `${options.key}:session:`,
    blockTimeInMs: 1_000,
    ...heartbeat,
  });
  return { adapter: adapter as ServerOptions["adapter"], close: () => client.quit().then(() => {}, () => {}) };
}
