/**
 * A server for the stream fixture contract, run as a child process (see `child-server.ts`) so that
 * a test can kill it with SIGKILL while streams are open, and start it again on the same port.
 *
 * Environment: PORT (0 for any free port). Sends `{ type: "listening", port }`; answers
 * `{ type: "ask", steps }` (it requests the `progress` stream of every connected client, and
 * answers `{ type: "asked", sockets }`) and `{ type: "errors" }` (what its `onError` was told).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type BoundSocket, bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { streamContract } from "../../fixtures/stream-contract.js";

const http = createServer();
const io = new Server(http, { transports: ["websocket"] });
const errors: string[] = [];
const server = bindServer(streamContract, io, { onError: (error) => void errors.push(error.code) });
const sockets = new Set<BoundSocket<typeof streamContract, "/s">>();

server.of("/s").on("connection", (socket) => {
  sockets.add(socket);
  socket.raw.on("disconnect", () => sockets.delete(socket));
  socket.on("count", async function* ({ n }) {
    for (let i = 0; i < n; i++) yield { i };
    return { total: n };
  });
  socket.on("endless", async function* () {
    for (let i = 0; ; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      yield i;
    }
  });
  socket.on("upload", async ({ name }, chunks) => {
    let bytes = 0;
    for await (const chunk of chunks) bytes += chunk.byteLength;
    return { bytes, sha256: name };
  });
  socket.on("hold", async () => {
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    return 0;
  });
  socket.on("ping", async () => {
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    return "pong" as const;
  });
});

process.on("message", (message: { type: string; steps?: number }) => {
  if (message.type === "ask") {
    for (const socket of sockets) socket.stream("progress", message.steps!).ack.catch(() => {});
    process.send!({ type: "asked", sockets: sockets.size });
  } else if (message.type === "errors") process.send!({ type: "errors", errors });
});

http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.send!({ type: "listening", port: (http.address() as AddressInfo).port });
});
