import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type ServerOptions } from "socket.io";
import { io as connect, type ManagerOptions, type Socket as ClientSocket, type SocketOptions } from "socket.io-client";
import { afterEach } from "vitest";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real Socket.IO server on a free loopback port, closed after the test. */
export async function startServer(
  options: Partial<ServerOptions> = {},
): Promise<{ io: Server; http: HttpServer; url: string }> {
  const http = createServer();
  const io = new Server(http, options);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { io, http, url: `http://127.0.0.1:${port}` };
}

/** A real socket.io-client socket, disconnected after the test. */
export function client(url: string, path: string, options: Partial<ManagerOptions & SocketOptions> = {}): ClientSocket {
  const socket = connect(`${url}${path}`, {
    forceNew: true,
    reconnection: false,
    transports: ["websocket"],
    ...options,
  });
  cleanups.push(() => socket.disconnect());
  return socket;
}

/** Resolves when the socket has connected; rejects with the connect_error. */
export function connected(socket: ClientSocket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

/** Resolves with the arguments of the next `event` on an emitter. */
export function next<T extends unknown[] = unknown[]>(
  emitter: { once(event: string, listener: (...args: any[]) => void): unknown },
  event: string,
): Promise<T> {
  return new Promise((resolve) => emitter.once(event, (...args: unknown[]) => resolve(args as T)));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a clean-up after the current test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/** Collects what `onError` is told, for assertions. */
export function errorLog(): {
  errors: { code: string; event?: string; namespace?: string; socketId?: string; cause?: unknown }[];
  onError: (error: any, context: any) => void;
} {
  const errors: { code: string; event?: string; namespace?: string; socketId?: string; cause?: unknown }[] = [];
  return {
    errors,
    onError: (error, context) =>
      errors.push({
        code: error.code,
        event: context.event,
        namespace: context.namespace,
        socketId: context.socketId,
        cause: error.cause,
      }),
  };
}

/** Waits until `check` is true, polling; fails after `ms`. */
export async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

/** Emits with an ack on a raw socket and resolves with the answer. */
export function rawAck(socket: ClientSocket, event: string, ...args: unknown[]): Promise<any> {
  return socket.timeout(2_000).emitWithAck(event, ...args);
}
