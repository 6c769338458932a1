/**
 * A server for the flood measurements, run as a child process: its `work` handler spends SPIN_US
 * microseconds of CPU (the work a real handler does: parsing, a query's CPU side), or waits
 * `delayMs` (a query's round trip). Limits come from the environment: RATE ("off", or
 * "<eventsPerSecond>/<burst>"; unset: the defaults), MAX_IN_FLIGHT ("off", a number; unset: the
 * default). IPC: `{ type: "listening", port }`; `{ type: "stats" }` answers with the CPU time this
 * process used so far, the handlers run, and the refusals `onError` saw (each with its socket id).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type BindServerOptions, bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { reliabilityContract } from "../fixtures/reliability-contract.js";

const spinUs = Number(process.env.SPIN_US ?? 0);
const option = (value: string | undefined) =>
  value === undefined ? undefined : value === "off" ? false : Number(value);
const rate = process.env.RATE;
const limits: Pick<BindServerOptions, "rateLimit" | "maxInFlight"> = {
  ...(rate === undefined
    ? {}
    : {
        rateLimit:
          rate === "off" ? false : { eventsPerSecond: Number(rate.split("/")[0]), burst: Number(rate.split("/")[1]) },
      }),
  ...(process.env.MAX_IN_FLIGHT === undefined
    ? {}
    : { maxInFlight: option(process.env.MAX_IN_FLIGHT) as number | false }),
};

const http = createServer();
const io = new Server(http, { transports: ["websocket"] });
let handled = 0;
const refusals: { code: string; socketId?: string }[] = [];
const server = bindServer(reliabilityContract, io, {
  ...limits,
  onError: (error, context) => void refusals.push({ code: error.code, socketId: context.socketId }),
});

function spin(us: number): void {
  const until = performance.now() + us / 1_000;
  while (performance.now() < until) {
    // CPU work, as a handler's own would be.
  }
}

server.of("/work").on("connection", (socket) => {
  socket.on("work", async ({ id, seq, delayMs }) => {
    handled++;
    if (spinUs > 0) spin(spinUs);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { id, seq };
  });
});

process.on("message", (message: { type: string }) => {
  if (message.type !== "stats") return;
  const { user, system } = process.cpuUsage();
  process.send!({ type: "stats", cpuMs: (user + system) / 1_000, handled, refusals: refusals.splice(0) });
});
process.on("disconnect", () => process.exit(0));
http.listen(0, "127.0.0.1", () => process.send!({ type: "listening", port: (http.address() as AddressInfo).port }));
