import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/**
 * The page's security policy: only our own scripts, styles and sockets; uploads and the page's
 * own images as pictures. The bundle needs no inline script and no eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Serves the built web page from `root`: hashed assets cached for good, `index.html` for every
 * other path, and a hint in place of the page when it has not been built.
 *
 * @example
 * if (await serveStatic(webDist, request, response)) return;
 */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  const wanted = path.resolve(root, `.${pathname}`);
  // A path that climbs out of the root (`/../`) falls back to the page instead of reading the disk.
  const inside = wanted.startsWith(root + path.sep) && !pathname.endsWith("/");
  const file = inside && (await isFile(wanted)) ? wanted : path.join(root, "index.html");
  if (!(await isFile(file))) {
    response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
    response.end("The web page has not been built yet: run `npm start` from the repository root.\n");
    return true;
  }
  const hashed = pathname.startsWith("/assets/");
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
    "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
  });
  if (request.method === "HEAD") response.end();
  else createReadStream(file).pipe(response);
  return true;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
