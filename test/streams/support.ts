import { createHash } from "node:crypto";
import { type BindClientOptions, type BoundClient, bindClient } from "@socket-contract/client";
import { ContractError } from "@socket-contract/contract";
import { type BoundServer, type BoundSocket, bindServer } from "@socket-contract/server";
import type { ServerOptions } from "socket.io";
import type { ManagerOptions, SocketOptions } from "socket.io-client";
import { expect } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, errorLog, sleep, startServer } from "../support/util.js";

export type Transport = "websocket" | "polling";

/** What the server's handlers saw, for assertions. */
export interface Seen {
  /** How many handler generators have run their `finally`. */
  closed: number;
  /** When the last `finally` ran (performance.now()). */
  closedAt: number;
  /** Items each `endless` stream has produced. */
  produced: number;
}

/**
 * A bound server with handlers for every stream of the fixture contract, and a bound client.
 * Handlers record what they did in `seen`.
 */
export async function startStreams(
  options: {
    transport?: Transport;
    maxHttpBufferSize?: number;
    adapter?: ServerOptions["adapter"];
    /** More Socket.IO server options (`connectionStateRecovery`, ...). */
    server?: Partial<ServerOptions>;
    /** More socket.io-client options (`retries`, `ackTimeout`, ...). */
    client?: Partial<ManagerOptions & SocketOptions>;
    bind?: BindClientOptions;
  } = {},
) {
  const { io, url } = await startServer({
    maxHttpBufferSize: options.maxHttpBufferSize ?? 1e6,
    ...(options.adapter === undefined ? {} : { adapter: options.adapter }),
    ...options.server,
  });
  const log = errorLog();
  const server: BoundServer<typeof streamContract> = bindServer(streamContract, io, {
    onError: log.onError,
    rateLimit: false,
  });
  const seen: Seen = { closed: 0, closedAt: 0, produced: 0 };
  const sockets: BoundSocket<typeof streamContract, "/s">[] = [];
  server.of("/s").on("connection", (socket) => {
    sockets.push(socket);
    socket.on("count", async function* ({ n, failAt, badAt }) {
      for (let i = 0; i < n; i++) {
        if (i === failAt) throw new ContractError("TOO_MANY", { data: { limit: i } });
        yield badAt === i ? ({ i: `${i}` } as never) : { i };
      }
      return { total: n };
    });
    socket.on("endless", async function* (pace) {
      try {
        for (let i = 0; ; i++) {
          seen.produced++;
          if (pace === "slow") await sleep(1);
          yield i;
        }
      } finally {
        seen.closed++;
        seen.closedAt = performance.now();
      }
    });
    socket.on("upload", async ({ name }, chunks) => {
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.byteLength;
      }
      return { bytes, sha256: `${name}:${hash.digest("hex")}` };
    });
    socket.on("download", async function* (size) {
      const hash = createHash("sha256");
      for (let offset = 0; offset < size; offset += 65_536) {
        const chunk = pattern(offset, Math.min(65_536, size - offset));
        hash.update(chunk);
        yield chunk;
      }
      return { sha256: hash.digest("hex") };
    });
    socket.on("shout", async function* (words) {
      for await (const word of words) yield word.toUpperCase();
    });
    socket.on("rows", async function* (n) {
      const text = "x".repeat(1_000);
      for (let i = 0; i < n; i++) {
        seen.produced++;
        yield { i, text };
      }
    });
    socket.on("hold", async () => {
      await sleep(300);
      return 0;
    });
    socket.on("ping", () => "pong" as const);
  });
  const raw = client(url, "/s", { transports: [options.transport ?? "websocket"], ...options.client });
  const chat = bindClient(streamContract, "/s", raw, options.bind);
  await connected(raw);
  return { io, url, server, sockets, seen, chat, raw, errors: log.errors };
}

/** Gives the client the handlers of the streams a server requests from it: `progress` yields, `sum` reads an upload. */
export function answerServerStreams(chat: BoundClient<typeof streamContract, "/s">): void {
  chat.on("progress", async function* (steps) {
    for (let step = 1; step <= steps; step++) yield { pct: (100 * step) / steps };
    return "done" as const;
  });
  chat.on("sum", async (numbers) => {
    let total = 0;
    for await (const n of numbers) total += n;
    return total;
  });
}

/**
 * Opens every kind of stream once, from either side, and checks what each one delivered: the
 * client's `count` and `shout`, then the server's `progress` and `sum`. Returns the errors the
 * client reported meanwhile (and later), for the caller to check with its own.
 */
export async function expectStreamsBothWays({ chat, sockets }: Awaited<ReturnType<typeof startStreams>>) {
  const clientErrors: unknown[] = [];
  chat.onError((error) => clientErrors.push([error.code, error.message]));
  const count = chat.stream("count", { n: 3 });
  expect(await collect(count)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  await expect(count.ack).resolves.toEqual({ total: 3 });
  expect(await collect(chat.stream("shout", ["a", "b"]))).toEqual(["A", "B"]);
  answerServerStreams(chat);
  const progress = sockets[0]!.stream("progress", 2);
  expect(await collect(progress)).toEqual([{ pct: 50 }, { pct: 100 }]);
  await expect(progress.ack).resolves.toBe("done");
  await expect(sockets[0]!.stream("sum", [1, 2, 3]).ack).resolves.toBe(6);
  return clientErrors;
}

/** Bytes that differ by offset, so a lost, duplicated or reordered chunk changes the hash. */
export function pattern(offset: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = ((offset + i) * 31 + ((offset + i) >> 8)) & 0xff;
  return bytes;
}

export function sha256(...chunks: Uint8Array[]): string {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
}

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
