import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_UPLOAD_BYTES } from "@chat-example/contract";
import { bindContractServer, implement } from "@chat-example/contract/server";
import { Server } from "socket.io";
import * as z from "zod/mini";
import { announceDepartures, chatHandlers } from "./chat-handlers.js";
import { checkAway } from "./presence.js";
import { useRedisAdapter } from "./scale-out.js";
import { serveStatic } from "./static-files.js";
import { chatTelemetry } from "./telemetry.js";
import { memoryStores } from "./stores/memory-stores.js";
import { redisStores } from "./stores/redis-stores.js";
import type { ChatNamespace, ChatSocket } from "./types.js";
import { uniqueNames } from "./unique-names.js";
import { serveUpload } from "./uploads-route.js";

// The contract is written in zod/mini, which loads no locale: issue messages shown to people
// ("Too big: expected string to have <=1000 characters") come from Zod's English one.
z.config(z.locales.en());

export interface ChatAppOptions {
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1; `0.0.0.0` to accept other machines (in a container, for instance). */
  readonly host?: string;
  /** The built web page. Default: `web/dist` beside this package. */
  readonly staticDir?: string;
  /** When set, instances share rooms, history and uploads through this Redis. */
  readonly redisUrl?: string;
  /** Namespaces this app's keys and channels in Redis, so that several chats can share one. Default `chat`. */
  readonly redisPrefix?: string;
  /** People per room before `ROOM_FULL`. Default 50. */
  readonly roomCapacity?: number;
  /** How often every client is asked whether its person is away. Default 20 s; 0 turns it off. */
  readonly awayCheckMs?: number;
  /** `"console"` logs a span per handshake and per received event to stdout (`OTEL_TRACES_EXPORTER`). Metrics are always at `/metrics`. */
  readonly tracesExporter?: string;
}

export interface ChatApp {
  /** Where a browser reaches the app, such as `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  readonly http: HttpServer;
  readonly chat: ChatNamespace;
  /** The sockets connected to this instance. */
  readonly sockets: ReadonlySet<ChatSocket>;
  /** Streamed uploads (`file:stream`) under way on this instance, by file id: the bytes received so far. */
  readonly uploads: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../../web/dist", import.meta.url));
/** Room for Socket.IO's framing around the largest one-packet upload (`file:upload`); `file:stream` needs none. */
const PACKET_OVERHEAD_BYTES = 64 * 1024;

/**
 * Starts the chat: the web page, the uploads, the `/chat` namespace and its metrics (`/metrics`,
 * Prometheus' format) on one port.
 *
 * @example
 * const app = await startChatApp({ port: 3000 });
 * console.log(`Chat running at ${app.url}`);
 */
export async function startChatApp(options: ChatAppOptions = {}): Promise<ChatApp> {
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const redisPrefix = options.redisPrefix ?? "chat";
  const stores =
    options.redisUrl === undefined ? memoryStores() : await redisStores(options.redisUrl, `${redisPrefix}:`);
  const telemetry = chatTelemetry({ tracesExporter: options.tracesExporter });
  const http = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error("[chat] request failed:", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const route = async (
    request: Parameters<typeof serveStatic>[1],
    response: Parameters<typeof serveStatic>[2],
  ): Promise<void> => {
    if (request.url === "/healthz") return void response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    if (telemetry.serveMetrics(request, response)) return;
    if (await serveUpload(stores, request, response)) return;
    if (await serveStatic(staticDir, request, response)) return;
    response.writeHead(405).end();
  };

  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_UPLOAD_BYTES + PACKET_OVERHEAD_BYTES,
    // Behind a load balancer, long-polling needs sticky sessions; WebSocket alone needs none.
    ...(options.redisUrl === undefined ? {} : { transports: ["websocket" as const] }),
  });
  const closeAdapter =
    options.redisUrl === undefined ? async () => {} : await useRedisAdapter(io, options.redisUrl, redisPrefix);
  const server = bindContractServer(io, { interceptors: telemetry.interceptors });
  const chat = server.of("/chat");
  const sockets = new Set<ChatSocket>();
  const uploads = new Map<string, number>();

  chat.use((socket) => {
    socket.data = { name: socket.auth.name, away: false };
  });
  const names = uniqueNames(chat, stores);
  chat.use(names.middleware);
  chat.on("connection", (socket) => {
    names.admitted(socket);
    sockets.add(socket);
    socket.on("disconnect", () => sockets.delete(socket));
    announceDepartures(chat, socket);
  });
  implement(server, chatHandlers({ chat, stores, roomCapacity: options.roomCapacity ?? 50, uploads }));

  const awayCheckMs = options.awayCheckMs ?? 20_000;
  const timer =
    awayCheckMs > 0
      ? setInterval(
          () => sockets.forEach((socket) => void checkAway(chat, socket, Math.min(5_000, awayCheckMs))),
          awayCheckMs,
        )
      : undefined;
  timer?.unref();

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 3000, options.host ?? "127.0.0.1", () => {
      http.off("error", reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    http,
    chat,
    sockets,
    uploads,
    async close() {
      clearInterval(timer);
      // io.close ends every socket, then waits for the HTTP server to close, which waits for every
      // connection to end: a browser's preconnected socket that never sent a request would hold it
      // for Node's 60 s headers timeout. After a second's grace, whatever is still open is cut.
      const grace = setTimeout(() => http.closeAllConnections(), 1_000);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      clearTimeout(grace);
      await closeAdapter();
      await stores.close();
      await telemetry.shutdown();
    },
  };
}
