import { FILE_CHUNK_BYTES } from "@chat-example/contract";
import type { ChatClient } from "@chat-example/contract/client";
import type { ChatMessage } from "./types.js";

export interface UploadOptions {
  /** Told the bytes handed to the connection so far, after each chunk. */
  readonly onProgress: (sent: number) => void;
  /** Aborting it cancels the upload: the server drops what it received and stores nothing. */
  readonly signal: AbortSignal;
}

/**
 * Posts a file to a room through `file:stream`: its chunks are read from disk only as fast as the
 * server grants credit, so a 20 MB file never sits in memory whole. Resolves with the message that
 * carries the file, once the server has stored it.
 *
 * @example
 * const message = await uploadFile(chat, "general", file, { onProgress: (sent) => bar.set(sent), signal });
 */
export function uploadFile(
  chat: ChatClient,
  room: string,
  file: File,
  { onProgress, signal }: UploadOptions,
): Promise<ChatMessage> {
  const type = file.type || "application/octet-stream";
  return chat.fileStream({ room, name: file.name, type, size: file.size }, chunksOf(file, onProgress), { signal }).ack;
}

/**
 * The file in chunks of `FILE_CHUNK_BYTES`. `File.stream()` chunk sizes vary by browser, so the file
 * is sliced; a chunk counts as sent once the runtime asks for the next one (or the last has gone).
 */
async function* chunksOf(file: Blob, onProgress: (sent: number) => void): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < file.size; at += FILE_CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(at, at + FILE_CHUNK_BYTES).arrayBuffer());
    yield chunk;
    onProgress(at + chunk.byteLength);
  }
}
