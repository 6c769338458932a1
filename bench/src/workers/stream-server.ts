// The server of scenarios 9 to 11 (started with --expose-gc for 11): the same rows and uploads,
//   /plain  hand-written on plain Socket.IO: every row or chunk with an ack, at most 16 unacknowledged
//   /bound  through bindServer: a stream of rows, an upload through streamOf(binary())
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { serve } from "../rpc.js";
import { ROW_TEXT, STREAM_WINDOW, streamBenchContract } from "../stream-contract.js";

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 1e6, serveClient: false });

io.of("/plain").on("connection", (socket) => {
  // The loop users write today: send a row with an ack, keep STREAM_WINDOW unacknowledged, send the next on each ack.
  socket.on("rows", (n: number, done: () => void) => {
    let sent = 0;
    let acked = 0;
    let outstanding = 0;
    const pump = (): void => {
      while (outstanding < STREAM_WINDOW && sent < n && socket.connected) {
        outstanding++;
        socket.emit("row", { i: sent++, text: ROW_TEXT }, () => {
          outstanding--;
          if (++acked === n) done();
          else pump();
        });
      }
    };
    pump();
  });
  let bytes = 0;
  socket.on("chunk", (chunk: Buffer, ack: () => void) => {
    bytes += chunk.byteLength;
    ack();
  });
  socket.on("upload:end", (ack: (bytes: number) => void) => {
    ack(bytes);
    bytes = 0;
  });
});

bindServer(streamBenchContract, io, {
  rateLimit: false,
  maxInFlight: false,
  onError: (error, context) => console.error("[stream bench]", error.code, context.event, error.message),
})
  .of("/bound")
  .on("connection", (socket) => {
    socket.on("rows", async function* (n) {
      for (let i = 0; i < n; i++) yield { i, text: ROW_TEXT };
    });
    socket.on("upload", async (_meta, chunks) => {
      let bytes = 0;
      for await (const chunk of chunks) bytes += chunk.byteLength;
      return { bytes };
    });
  });

/** The heap after full collections, once it has stopped shrinking. */
async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("start the stream server with --expose-gc");
  let previous = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    await sleep(50);
    const used = process.memoryUsage().heapUsed;
    if (used >= previous - 4096) return used;
    previous = used;
  }
  return previous;
}

serve({
  async listen(): Promise<{ url: string }> {
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  },
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
  heap: () => settledHeap(),
});
