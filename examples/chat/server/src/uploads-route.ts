import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatStores } from "./stores/stores.js";

/** Types shown inline. Anything else (HTML and SVG included) downloads, so an upload can never run script on our origin. */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

const UPLOAD_PATH = /^\/uploads\/([0-9a-f-]{36})\/[^/]*$/;

/**
 * Serves an uploaded file at the URL `file:upload` answered with.
 *
 * @example
 * if (await serveUpload(stores, request, response)) return;
 */
export async function serveUpload(
  stores: ChatStores,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
  if (!pathname.startsWith("/uploads/")) return false;
  const id = UPLOAD_PATH.exec(pathname)?.[1];
  const file = id === undefined ? undefined : await stores.getFile(id);
  if (file === undefined) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("No such upload.\n");
    return true;
  }
  const inline = INLINE_TYPES.has(file.type);
  response.writeHead(200, {
    "content-type": inline ? file.type : "application/octet-stream",
    "content-length": String(file.bytes.byteLength),
    "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "cache-control": "public, max-age=86400, immutable",
    "x-content-type-options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : file.bytes);
  return true;
}
