import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type ManagerOptions, type Socket as ClientSocket, type SocketOptions } from "socket.io-client";
import { afterEach } from "vitest";

// Real sockets for running generated wrappers, in the one-line style of test/support/util.ts (which
// this package may not import: packages stay out of the repository's test/).

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real Socket.IO server on a free loopback port, closed after the test. */
export async function startServer(): Promise<{ io: Server; url: string }> {
  const http = createServer();
  const io = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { io, url: `http://127.0.0.1:${port}` };
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
