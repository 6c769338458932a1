/**
 * A server for the depth contract, run as a child process, that measures the CPU time each refusal
 * of its runtime costs: from the moment Socket.IO hands an event over (a `prependAny` listener,
 * which runs before the runtime's) to the moment `onError` hears of the refusal (after the answer
 * was sent), and from the moment the Engine.IO message arrived (before Socket.IO decodes it) to
 * the same point. CPU time, since on a shared machine wall time includes waiting for a core.
 *
 * Environment: PORT, MAX_DEPTH ("Infinity" for no limit; unset for the default). IPC: sends
 * `{ type: "listening", port }`; answers `{ type: "timings" }` with every refusal so far, and
 * `{ type: "send-tree", depth }` by sending a `tree` that deep to every client, past the contract.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { depthContract } from "../fixtures/depth-contract.js";

interface Timing {
  event?: string;
  socketId?: string;
  code: string;
  issue?: string;
  /** CPU time of this process from Socket.IO handing the event over to `onError` hearing of the refusal. */
  runtimeCpuMs: number;
  /** CPU time from the Engine.IO message's arrival (before Socket.IO decodes it) to `onError`. */
  totalCpuMs: number;
  /** Wall-clock time of the first span: on a shared machine, it includes time the process waited for a core. */
  runtimeWallMs: number;
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
};

const http = createServer();
const io = new Server(http, { transports: ["websocket"] });
const timings: Timing[] = [];
let messageCpu = 0;
let handedOverCpu = 0;
let handedOverAt = 0;
const maxDepth = process.env.MAX_DEPTH === undefined ? undefined : Number(process.env.MAX_DEPTH);
const server = bindServer(depthContract, io, {
  maxDepth,
  onError: (error, context) => {
    const cpu = cpuMs();
    const wall = performance.now();
    timings.push({
      event: context.event,
      socketId: context.socketId,
      code: error.code,
      issue: error.issues?.[0]?.code,
      runtimeCpuMs: cpu - handedOverCpu,
      totalCpuMs: cpu - messageCpu,
      runtimeWallMs: wall - handedOverAt,
    });
  },
});
io.engine.on("connection", (connection: { prependListener(event: string, listener: () => void): void }) => {
  connection.prependListener("data", () => void (messageCpu = cpuMs()));
});
io.of("/chat").on("connection", (socket) =>
  socket.prependAny(() => {
    handedOverAt = performance.now();
    handedOverCpu = cpuMs();
  }),
);
server.of("/chat").on("connection", (socket) => {
  socket.on("tree:save", () => true as const);
  socket.on("json:save", () => true as const);
  socket.on("outline:save", () => {});
  socket.on("flat:save", () => true as const);
});

function nested(depth: number): unknown {
  let value: { children: unknown[] } = { children: [] };
  for (let level = 1; level < depth; level++) value = { children: [value] };
  return value;
}

process.on("message", (message: { type: string; depth?: number }) => {
  if (message.type === "timings") process.send!({ type: "timings", timings: timings.splice(0) });
  else if (message.type === "send-tree") {
    // Past the contract, as a compromised or buggy server would: the client runtime must refuse it.
    io.of("/chat").emit("tree", nested(message.depth!));
    process.send!({ type: "sent" });
  }
});
process.on("disconnect", () => process.exit(0));
http.listen(0, "127.0.0.1", () => process.send!({ type: "listening", port: (http.address() as AddressInfo).port }));
