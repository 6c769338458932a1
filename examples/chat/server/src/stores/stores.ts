import type { ChatMessage } from "../types.js";

/** How many messages a room keeps and hands to whoever joins. */
export const HISTORY_LIMIT = 50;

/** A file someone uploaded, as the server serves it back. */
export interface StoredFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

/**
 * Where the chat keeps what must outlive one connection. In memory for one instance; in Redis
 * when several instances serve the same rooms, so that any of them answers with the same history
 * and serves every upload.
 */
export interface ChatStores {
  appendMessage(message: ChatMessage): Promise<void>;
  /** The room's last messages, oldest first. */
  history(room: string): Promise<ChatMessage[]>;
  putFile(id: string, file: StoredFile): Promise<void>;
  getFile(id: string): Promise<StoredFile | undefined>;
  /**
   * Claims a display name (`key`, as `nameKey` folds it) for the connection `id` while it is being
   * admitted, for `ms` at most: the one atomic step that keeps two simultaneous connections from
   * both getting a name. Resolves `undefined` when claimed, or with the display name of the
   * connection that holds the claim.
   */
  claimName(key: string, id: string, name: string, ms: number): Promise<string | undefined>;
  /** Gives up the claim `id` holds on `key` (admitted and visible to `fetchSockets`, or refused). */
  releaseName(key: string, id: string): Promise<void>;
  close(): Promise<void>;
}
