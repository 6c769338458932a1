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
 * Builds the adapter of one node. Redis errors (the server going away, refused reconnections,
 * commands lost with the connection) are handed to `onRedisError`: a node-redis client with no
 * `error` listener throws, and takes the process down with it, on the first lost connection.
 */
export async function setUpAdapter(
  kind: AdapterKind,
  options: { redisUrl: string; key: string; onRedisError: (error: Error, client: string) => void },
): Promise<AdapterSetup> {
  if (kind === "memory") return { adapter: undefined, close: async () => {} };
  // Default socket.io-adapter heartbeats are 5 s; a node learns of its peers faster this way.
  const heartbeat = { heartbeatInterval: 500, heartbeatTimeout: 3_000 };
  if (kind === "cluster")
    return { adapter: createClusterAdapter(heartbeat) as ServerOptions["adapter"], close: async () => {} };
  // Reconnect quickly and for ever: an outage must end with the node back in the cluster.
  const client = createClient({
    url: options.redisUrl,
    socket: { reconnectStrategy: (retries) => Math.min(50 + retries * 50, 500), connectTimeout: 2_000 },
  });
  client.on("error", (error: Error) => options.onRedisError(error, "main"));
  await client.connect();
  if (kind === "redis") {
    const guarded = withHandledCommands(client, (error) => options.onRedisError(error, "main command"));
    const sub = client.duplicate();
    sub.on("error", (error: Error) => options.onRedisError(error, "subscriber"));
    await sub.connect();
    const guardedSub = withHandledCommands(sub, (error) => options.onRedisError(error, "subscriber command"));
    return {
      adapter: createRedisAdapter(guarded, guardedSub, {
        key: options.key,
        requestsTimeout: 2_000,
      }) as ServerOptions["adapter"],
      close: () => Promise.allSettled([client.quit(), sub.quit()]).then(() => {}),
    };
  }
  const appending = appendsAfterRestores(
    resendingAppends(client, (error) => options.onRedisError(error, "main command, resent")),
  );
  const adapter = createStreamsAdapter(
    withHandledCommands(appending, (error) => options.onRedisError(error, "main command")),
    {
      streamName: options.key,
      channelPrefix: options.key,
      sessionKeyPrefix: `${options.key}:session:`,
      blockTimeInMs: 1_000,
      ...heartbeat,
    },
  );
  return {
    adapter: adapter as ServerOptions["adapter"],
    close: () =>
      client.quit().then(
        () => {},
        () => {},
      ),
  };
}

/**
 * The client, with a rejection handler on every command promise it hands out. The Redis adapters
 * send some commands and drop their promise (@socket.io/redis-adapter publishes every broadcast
 * that way; socketio/socket.io-redis-adapter#412 and #448): one in flight when the connection
 * drops rejects unhandled, and Node ends the process. Whoever awaits a command still sees it fail.
 */
export function withHandledCommands<T extends object>(client: T, onFailure: (error: Error) => void): T {
  return new Proxy(client, {
    get(target, key) {
      // The target as receiver: node-redis keeps its state in private fields.
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) result.catch(onFailure);
        return result;
      };
    },
  });
}

interface Appender {
  readonly isOpen: boolean;
  xAdd(...args: never[]): Promise<unknown>;
}

/**
 * The client, sending a stream append (XADD) again when it failed with the connection, once the
 * connection is back (node-redis queues it until then; ioredis does the same by default with
 * autoResendUnfulfilledCommands). The streams adapter does not retry: an append in flight when
 * Redis goes away would be delivered to this node's clients and lost for every other node. An
 * append that Redis applied and another node read just before going away is delivered twice.
 */
export function resendingAppends<T extends Appender>(client: T, onResend: (error: Error) => void): T {
  const append = client.xAdd.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const resending = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await append(...args);
    } catch (error) {
      // A client the application closed is not coming back: nothing to wait for.
      if (!client.isOpen) throw error;
      onResend(error as Error);
      return append(...args);
    }
  };
  Object.assign(client, { xAdd: resending });
  return client;
}

/**
 * The client, answering each stream append (XADD) one event-loop turn later. The streams adapter
 * delivers a broadcast to this node's clients once its append is answered, and restores a session
 * by reading the stream (XRANGE) on the same connection, then joining the socket to its rooms. When
 * both answers arrive together, the broadcast was delivered before the restored socket joined its
 * rooms, and after the stream was read: that client never got it (1 broadcast in some recoveries,
 * test/multi-node/load-balancer.test.ts). A turn later, the restored socket is in its rooms.
 */
export function appendsAfterRestores<T extends Appender>(client: T): T {
  const append = client.xAdd.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const deferred = async (...args: unknown[]): Promise<unknown> => {
    const id = await append(...args);
    await new Promise((resolve) => setImmediate(resolve));
    return id;
  };
  Object.assign(client, { xAdd: deferred });
  return client;
}
