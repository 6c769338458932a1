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
  close(): Promise<void>;
}
