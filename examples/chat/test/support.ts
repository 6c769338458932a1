import { bindChatClient, type ChatClient } from "@chat-example/contract/client";
import { type ChatApp, type ChatAppOptions, startChatApp } from "@chat-example/server";
import { io, type Socket } from "socket.io-client";
import { afterEach } from "vitest";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The chat server on a free loopback port, closed after the test. */
export async function startApp(options: ChatAppOptions = {}): Promise<ChatApp> {
  const app = await startChatApp({ port: 0, host: "127.0.0.1", awayCheckMs: 0, ...options });
  cleanups.push(() => app.close());
  return app;
}

/** A raw socket.io-client socket on `/chat` with `name` as its auth, disconnected after the test. */
export function rawSocket(url: string, name: unknown): Socket {
  const socket = io(`${url}/chat`, { auth: { name }, forceNew: true, reconnection: false, transports: ["websocket"] });
  cleanups.push(() => socket.disconnect());
  return socket;
}

/** A connected client through the generated wrapper, as the page and the CLI use it. */
export async function connectAs(url: string, name: string): Promise<ChatClient> {
  const socket = rawSocket(url, name);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return bindChatClient(socket, { ackTimeout: 5_000 });
}

/** Runs a clean-up after the current test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/** Resolves with the arguments of the next `event` on an emitter. */
export function next<T extends unknown[]>(subscribe: (handler: (...args: T) => void) => () => void): Promise<T> {
  return new Promise((resolve) => {
    const stop = subscribe((...args) => {
      stop();
      resolve(args);
    });
  });
}
