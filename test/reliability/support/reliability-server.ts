/**
 * A server for the reliability contract, run as a child process (`fork` with the source condition
 * and tsx) so that load and faults hit a separate process that can be killed with SIGKILL.
 *
 * Environment: PORT (0 for any free port), LOG (a file to which every handled event is appended,
 * synchronously, so that it survives a kill -9). Talks to its parent over IPC: it sends
 * `{ type: "listening", port }`, and answers `{ type: "broadcast", room, count }` and `{ type: "stats" }`.
 */
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { reliabilityContract } from "../fixtures/reliability-contract.js";

const log = process.env.LOG;
const http = createServer();
const io = new Server(http, { transports: ["websocket", "polling"] });
const refusals: Record<string, number> = {};
const server = bindServer(reliabilityContract, io, {
  onError: (error) => void (refusals[error.code] = (refusals[error.code] ?? 0) + 1),
});
const work = server.of("/work");
let works = 0;
let notes = 0;

work.on("connection", (socket) => {
  socket.on("work", async ({ id, seq, delayMs }) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    works++;
    if (log !== undefined) appendFileSync(log, `work ${id}:${seq}\n`);
    return { id, seq };
  });
  socket.on("note", ({ id }) => {
    notes++;
    if (log !== undefined) appendFileSync(log, `note ${id}\n`);
  });
  socket.on("room:join", async (room) => {
    await socket.join(room);
    return true as const;
  });
  socket.on("stats", () => ({ pid: process.pid, works, notes }));
});

process.on("message", async (message: { type: string; room?: string; count?: number }) => {
  if (message.type === "broadcast") {
    for (let n = 0; n < message.count!; n++) {
      work.to(message.room!).emit("tick", { n });
      // Let the event loop breathe between broadcasts, as a real server's would.
      if (n % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    process.send!({ type: "broadcasted" });
  } else if (message.type === "stats") {
    process.send!({
      type: "stats",
      works,
      notes,
      refusals,
      sockets: work.raw.sockets.size,
      heapUsed: process.memoryUsage().heapUsed,
    });
  }
});

http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.send!({ type: "listening", port: (http.address() as AddressInfo).port });
});
