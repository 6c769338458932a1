// The server of scenarios 1 to 4: one Socket.IO server holding every variant side by side, so that
// each variant runs on the same server, in the same process, with the same payloads.
//   /plain  plain Socket.IO handlers
//   /hand   plain Socket.IO handlers that call `schema.safeParse`, as users write them today
//   /bound  the same handlers through bindServer(benchContract)
//   /valibot, /arktype  order:place through bindServer with Valibot and ArkType schemas (scenario 1b)
//   /control  where client processes report that a broadcast reached all of their sockets
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bindServer } from "@socket-contract/server";
import { Server, type Socket } from "socket.io";
import { Order, Upload, benchContract } from "../contract.js";
import { libraryBench } from "../library-contracts.js";
import { makeMessage, receiptOf } from "../payloads.js";
import { serve } from "../rpc.js";
import { nowNs } from "../stats.js";

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 2e6, serveClient: false });
// Each socket counts what its handlers saw (in socket.data), so several client processes can
// measure at once, each reading its own count.
type Counted = { data: { handled?: number } };
const count = (socket: Counted): void => {
  socket.data.handled = (socket.data.handled ?? 0) + 1;
};
const countOf = (socket: Counted): number => socket.data.handled ?? 0;

function roomsOf(socket: { handshake: Socket["handshake"] }): string[] {
  return (socket.handshake.auth as { small?: boolean }).small === true ? ["all", "small"] : ["all"];
}

io.of("/plain").on("connection", (socket) => {
  socket.join(roomsOf(socket));
  socket.on("order:place", (order, callback) => callback(receiptOf(order)));
  socket.on("order:track", () => count(socket));
  socket.on("file:upload", (upload, callback) => callback({ size: upload.bytes.length }));
  socket.on("bench:sync", (callback) => callback(countOf(socket)));
});

io.of("/hand").on("connection", (socket) => {
  socket.join(roomsOf(socket));
  socket.on("order:place", (order, callback) => {
    const parsed = Order.safeParse(order);
    if (!parsed.success) return callback({ error: "INVALID_PAYLOAD", issues: parsed.error.issues });
    callback(receiptOf(parsed.data));
  });
  socket.on("order:track", (order) => {
    const parsed = Order.safeParse(order);
    if (parsed.success) count(socket);
  });
  socket.on("file:upload", (upload, callback) => {
    const parsed = Upload.safeParse(upload);
    if (!parsed.success) return callback({ error: "INVALID_PAYLOAD" });
    callback({ size: parsed.data.bytes.length });
  });
  socket.on("bench:sync", (callback) => callback(countOf(socket)));
});

// Plain Socket.IO has no per-socket limits, so the comparison runs without ours (a policy, not validation).
const server = bindServer(benchContract, io, {
  rateLimit: false,
  maxInFlight: false,
  onError: (error, context) =>
    console.error("[bench server]", error.code, context.event, error.issues ?? error.message),
});
const bound = server.of("/bound");
bound.on("connection", (socket) => {
  socket.join(roomsOf(socket));
  socket.on("order:place", (order) => receiptOf(order));
  socket.on("order:track", () => count(socket as Counted));
  socket.on("file:upload", (upload) => ({ size: upload.bytes.length }));
  socket.on("bench:sync", () => countOf(socket as Counted));
});

// Scenario 1b: the same acked event validated by Valibot and by ArkType schemas of the same rules.
const libraries = bindServer(libraryBench, io, { rateLimit: false, maxInFlight: false });
for (const path of ["/valibot", "/arktype"] as const)
  libraries.of(path).on("connection", (socket) => {
    socket.on("order:place", (order) => receiptOf(order));
    socket.on("bench:sync", () => countOf(socket as Counted));
  });

// Broadcasts: one at a time, each timed from the emit until every client process has reported.
let waiting: { variant: string; seq: number; remaining: number; done: () => void } | undefined;
io.of("/control").on("connection", (socket) => {
  socket.on("done", (variant: string, seq: number) => {
    if (waiting !== undefined && waiting.variant === variant && waiting.seq === seq && --waiting.remaining === 0)
      waiting.done();
  });
});

let seq = 0;
async function broadcast(input: {
  variant: "plain" | "bound";
  room: string;
  count: number;
  processes: number;
}): Promise<{ totalNs: number[]; emitNs: number[] }> {
  const totalNs: number[] = [];
  const emitNs: number[] = [];
  for (let i = 0; i < input.count; i++) {
    const current = ++seq;
    const arrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`broadcast ${current} (${input.variant}, ${input.room}) not received in 30 s`)),
        30_000,
      );
      waiting = {
        variant: input.variant,
        seq: current,
        remaining: input.processes,
        done: () => (clearTimeout(timer), resolve()),
      };
    });
    const message = makeMessage(current);
    const start = nowNs();
    if (input.variant === "plain") io.of("/plain").to(input.room).emit("message", message);
    else bound.to(input.room).emit("message", message);
    emitNs.push(nowNs() - start);
    await arrived;
    totalNs.push(nowNs() - start);
  }
  waiting = undefined;
  return { totalNs, emitNs };
}

serve({
  async listen(): Promise<{ url: string }> {
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  },
  cpu: () => {
    const usage = process.cpuUsage();
    return usage.user + usage.system;
  },
  broadcast,
  sockets: async () => ({ plain: io.of("/plain").sockets.size, bound: io.of("/bound").sockets.size }),
});
