import { type ChatStores, HISTORY_LIMIT, type StoredFile } from "./stores.js";
import type { ChatMessage } from "../types.js";

/** Beyond this many bytes of uploads, the oldest files are forgotten first. */
const UPLOAD_BUDGET_BYTES = 200_000_000;

/**
 * Stores for a single instance: everything is lost on restart, which suits a demo.
 *
 * @example
 * const stores = memoryStores();
 */
export function memoryStores(): ChatStores {
  const rooms = new Map<string, ChatMessage[]>();
  const files = new Map<string, StoredFile>();
  let fileBytes = 0;
  const claims = new Map<string, { id: string; name: string; until: number }>();
  return {
    async appendMessage(message) {
      const list = rooms.get(message.room) ?? [];
      list.push(message);
      if (list.length > HISTORY_LIMIT) list.splice(0, list.length - HISTORY_LIMIT);
      rooms.set(message.room, list);
    },
    async history(room) {
      return [...(rooms.get(room) ?? [])];
    },
    async putFile(id, file) {
      files.set(id, file);
      fileBytes += file.bytes.byteLength;
      // Maps iterate in insertion order, so the first key is the oldest upload.
      for (const [oldest, stored] of files) {
        if (fileBytes <= UPLOAD_BUDGET_BYTES) break;
        files.delete(oldest);
        fileBytes -= stored.bytes.byteLength;
      }
    },
    async getFile(id) {
      return files.get(id);
    },
    async claimName(key, id, name, ms) {
      const claim = claims.get(key);
      if (claim !== undefined && claim.id !== id && claim.until > Date.now()) return claim.name;
      claims.set(key, { id, name, until: Date.now() + ms });
      return undefined;
    },
    async releaseName(key, id) {
      if (claims.get(key)?.id === id) claims.delete(key);
    },
    async close() {},
  };
}
