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
  const logError = (error: unknown) => console.error("[chat] redis adapter:", error instanceof Error ? error.message : error);
  pub.on("error", logError);
  sub.on("error", logError);
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: `${key}:socket.io` }));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
