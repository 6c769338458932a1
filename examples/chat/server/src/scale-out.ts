import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Server } from "socket.io";

/**
 * Puts Socket.IO on the Redis adapter, so that room broadcasts and `fetchSockets` reach the
 * sockets of every instance. Returns what closes the two Redis connections.
 *
 * @example
 * const close = await useRedisAdapter(io, "redis://127.0.0.1:6379", "chat");
 */
export async function useRedisAdapter(io: Server, url: string, key: string): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // Through the adapter's "error" event, which bindServer reports to onError with its namespace.
  const reportToAdapter = (error: Error) => io.of("/").adapter.emit("error", error);
  pub.on("error", reportToAdapter);
  sub.on("error", reportToAdapter);
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(
    createAdapter(withHandledCommands(pub, reportToAdapter), withHandledCommands(sub, reportToAdapter), {
      key: `${key}:socket.io`,
    }),
  );
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}

/**
 * The Redis adapter publishes every broadcast without handling the promise
 * (socketio/socket.io-redis-adapter#412, #448): when Redis drops while one is in flight, the
 * rejection is unhandled and Node ends the process. This gives every command promise a handler;
 * a caller that awaits a command still sees it fail.
 */
function withHandledCommands<T extends object>(client: T, onFailure: (error: Error) => void): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property); // target as receiver: node-redis uses private fields
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) result.catch(onFailure);
        return result;
      };
    },
  });
}
