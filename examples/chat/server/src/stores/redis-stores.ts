import { createClient, RESP_TYPES } from "redis";
import { type ChatStores, HISTORY_LIMIT } from "./stores.js";
import type { ChatMessage } from "../types.js";

/** Uploads expire after a day, so a long-running demo does not fill Redis. */
const UPLOAD_TTL_SECONDS = 24 * 60 * 60;

/**
 * Stores shared by every instance through one Redis: each room's history is a capped list of JSON
 * messages, each upload a hash with its bytes.
 *
 * @example
 * const stores = await redisStores("redis://127.0.0.1:6379", "chat:");
 */
export async function redisStores(url: string, prefix = "chat:"): Promise<ChatStores> {
  const client = createClient({ url });
  client.on("error", (error) => console.error("[chat] redis:", error instanceof Error ? error.message : error));
  await client.connect();
  const bytesClient = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const historyKey = (room: string) => `${prefix}history:${room}`;
  const fileKey = (id: string) => `${prefix}file:${id}`;
  const claimKey = (key: string) => `${prefix}name-claim:${key}`;
  return {
    async appendMessage(message) {
      await client
        .multi()
        .rPush(historyKey(message.room), JSON.stringify(message))
        .lTrim(historyKey(message.room), -HISTORY_LIMIT, -1)
        .exec();
    },
    async history(room) {
      const entries = await client.lRange(historyKey(room), 0, -1);
      return entries.map((entry) => JSON.parse(entry) as ChatMessage);
    },
    async putFile(id, file) {
      const key = fileKey(id);
      await client
        .multi()
        .hSet(key, {
          name: file.name,
          type: file.type,
          bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
        })
        .expire(key, UPLOAD_TTL_SECONDS)
        .exec();
    },
    async getFile(id) {
      const found = (await bytesClient.hGetAll(fileKey(id))) as Record<string, Buffer>;
      if (found.bytes === undefined) return undefined;
      return { name: String(found.name), type: String(found.type), bytes: found.bytes };
    },
    async claimName(key, id, name, ms) {
      const value = JSON.stringify({ id, name });
      // SET NX is the atomic step: of two instances admitting the same name at once, one wins.
      for (;;) {
        const set = await client.set(claimKey(key), value, { condition: "NX", expiration: { type: "PX", value: ms } });
        if (set === "OK") return undefined;
        const held = await client.get(claimKey(key));
        if (held !== null) return (JSON.parse(held) as { name: string }).name;
        // The claim expired in between: claim again.
      }
    },
    async releaseName(key, id) {
      const held = await client.get(claimKey(key));
      if (held !== null && (JSON.parse(held) as { id: string }).id === id) await client.del(claimKey(key));
    },
    async close() {
      await client.quit();
    },
  };
}
