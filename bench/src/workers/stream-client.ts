// The client of scenarios 9 to 11: one connection per variant (and, for 11, many slow readers).
import { type BoundClient, bindClient } from "@socket-contract/client";
import { type Socket, io } from "socket.io-client";
import { serve } from "../rpc.js";
import { CHUNK_BYTES, STREAM_WINDOW, streamBenchContract } from "../stream-contract.js";

type Variant = "plain" | "bound";
const sockets = new Map<Variant, Socket>();
let bound: BoundClient<typeof streamBenchContract, "/bound"> | undefined;
const slow: Socket[] = [];

async function open(url: string, variant: Variant): Promise<Socket> {
  const socket = io(`${url}/${variant}`, { forceNew: true, reconnection: false, transports: ["websocket"] });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

function socketOf(variant: Variant): Socket {
  const socket = sockets.get(variant);
  if (socket === undefined) throw new Error(`not connected: ${variant}`);
  return socket;
}

/** Reads `n` rows; resolves with rows per second and the count read. */
async function rows(input: { variant: Variant; n: number }): Promise<{ perSecond: number; count: number }> {
  const started = performance.now();
  let count = 0;
  if (input.variant === "bound") {
    for await (const row of bound!.stream("rows", input.n, { window: STREAM_WINDOW })) if (row.i === count) count++;
  } else {
    const socket = socketOf("plain");
    await new Promise<void>((resolve) => {
      const onRow = (row: { i: number }, ack: () => void): void => {
        if (row.i === count) count++;
        ack();
      };
      socket.on("row", onRow);
      socket.emit("rows", input.n, () => {
        socket.off("row", onRow);
        resolve();
      });
    });
  }
  if (count !== input.n) throw new Error(`${count} of ${input.n} rows arrived in order`);
  return { perSecond: count / ((performance.now() - started) / 1000), count };
}

/** Uploads `bytes` in 64 KiB chunks; resolves with MiB per second. */
async function upload(input: { variant: Variant; bytes: number }): Promise<{ mibPerSecond: number }> {
  const chunk = new Uint8Array(CHUNK_BYTES).fill(7);
  const count = Math.ceil(input.bytes / CHUNK_BYTES);
  const started = performance.now();
  let received: number;
  if (input.variant === "bound") {
    function* chunks() {
      for (let i = 0; i < count; i++) yield chunk;
    }
    received = (await bound!.stream("upload", { name: "bench" }, chunks()).ack).bytes;
  } else {
    // The hand-written way: each chunk with an ack, at most STREAM_WINDOW unacknowledged.
    const socket = socketOf("plain");
    await new Promise<void>((resolve) => {
      let sent = 0;
      let acked = 0;
      let outstanding = 0;
      const pump = (): void => {
        while (outstanding < STREAM_WINDOW && sent < count) {
          outstanding++;
          sent++;
          socket.emit("chunk", chunk, () => {
            outstanding--;
            if (++acked === count) resolve();
            else pump();
          });
        }
      };
      pump();
    });
    received = await socket.emitWithAck("upload:end");
  }
  if (received !== count * CHUNK_BYTES) throw new Error(`${received} of ${count * CHUNK_BYTES} bytes arrived`);
  return { mibPerSecond: received / 2 ** 20 / ((performance.now() - started) / 1000) };
}

/** Opens `count` connections, each reading a long stream of rows as slowly as a person would (one row a second). */
async function slowReaders(input: { url: string; variant: Variant; count: number }): Promise<void> {
  for (let i = 0; i < input.count; i++) {
    const socket = await open(input.url, input.variant);
    slow.push(socket);
    if (input.variant === "plain") {
      socket.on("row", (_row: unknown, ack: () => void) => setTimeout(ack, 1_000));
      socket.emit("rows", 1_000_000, () => {});
    } else {
      const client = bindClient(streamBenchContract, "/bound", socket);
      void (async () => {
        for await (const _ of client.stream("rows", 1_000_000, { window: STREAM_WINDOW }))
          await new Promise((resolve) => setTimeout(resolve, 1_000));
      })().catch(() => {});
    }
  }
}

serve({
  async connect(input: { url: string }): Promise<void> {
    for (const variant of ["plain", "bound"] as const) sockets.set(variant, await open(input.url, variant));
    bound = bindClient(streamBenchContract, "/bound", socketOf("bound"));
  },
  rows,
  upload,
  slowReaders,
  closeSlowReaders(): void {
    for (const socket of slow.splice(0)) socket.disconnect();
  },
});
