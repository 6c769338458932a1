/**
 * One node of a multi-node test, run as its own process (`child_process.fork` or `cluster.fork`):
 * a real Socket.IO server on a free loopback port under the adapter named by ADAPTER, bound to the
 * cluster contract, driven by the test process over IPC (see protocol.ts).
 *
 * Environment: ADAPTER, NODE_NAME, REDIS_URL, ADAPTER_KEY, RECOVERY ("1" turns on
 * connectionStateRecovery), CONTRACT ("1.1.0" binds the contract's next release, `clusterContractNext`).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ContractError, bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { clusterContract, clusterContractNext, validations } from "../fixtures/cluster-contract.js";
import { type AdapterKind, setUpAdapter } from "./adapters.js";
import type { Command, Notice, Reply, ReplyError, Request } from "./protocol.js";
import { patternBytes } from "./protocol.js";

const kind = (process.env.ADAPTER ?? "memory") as AdapterKind;
const name = process.env.NODE_NAME ?? `node-${process.pid}`;
// The next release is a superset of this one: its handlers are the same, typed by the current one.
const next = process.env.CONTRACT === clusterContractNext.version;
const contract = next ? (clusterContractNext as unknown as typeof clusterContract) : clusterContract;

function send(message: Notice | Reply): void {
  // The test may already have gone; a node outliving it must not crash on a closed channel.
  if (process.connected) process.send!(message, undefined, {}, () => {});
}

// Until the server exists, a Redis error has no adapter to go to; the node is starting anyway.
let reportAdapterError = (error: Error): void => console.error("[node] Redis error while starting:", error.message);
const setup = await setUpAdapter(kind, {
  redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  key: process.env.ADAPTER_KEY ?? "socket-contract-multi-node",
  onRedisError: (error, client) => {
    send({ type: "redis-error", client, message: error.message });
    reportAdapterError(error);
  },
});
const http = createServer();
const io = new Server(http, {
  adapter: setup.adapter,
  serveClient: false,
  connectionStateRecovery: process.env.RECOVERY === "1" ? { maxDisconnectionDuration: 30_000 } : undefined,
});
const server = bindServer(contract, io, {
  ackTimeout: 3_000,
  onError: (error, context) =>
    send({
      type: "error",
      code: error.code,
      message: error.message,
      ...context,
      cause: error.cause instanceof Error ? error.cause.message : undefined,
    }),
});
// The adapter's Redis clients fail on their own emitters: the runtime reports what the adapter
// emits as "error" through onError.
reportAdapterError = (error) => void io.of("/").adapter.emit("error", error);
const chat = server.of("/chat");
const admin = server.of("/admin");

chat.use((socket) => {
  socket.data = { userId: `user-${socket.auth.token}`, node: name, ...(next ? { locale: "fr" } : {}) };
});
chat.on("connection", async (socket) => {
  socket.on("room:join", async (room) => {
    await socket.join(room);
    return { node: name, rooms: [...socket.rooms] };
  });
  // Each note of the stream is broadcast to the room, on every node.
  socket.on("notes:relay", async (room, notes) => {
    let count = 0;
    for await (const note of notes) {
      chat.to(room).emit("notice", note);
      count++;
    }
    return { node: name, count };
  });
  socket.on("notes:count", async function* (count) {
    for (let i = 0; i < count; i++) yield { i, node: name };
    return { node: name, count };
  });
  for (const room of socket.auth.rooms) await socket.join(room);
});

let answerMode: "valid" | "invalid" = "valid";
server.onServerSide("cache:invalidate", (key) => send({ type: "server-side", event: "cache:invalidate", args: [key] }));
server.onServerSide("node:stats", (from) => {
  send({ type: "server-side", event: "node:stats", args: [from] });
  return answerMode === "valid"
    ? { node: name, sockets: chat.raw.sockets.size }
    : ({ node: name, sockets: -1 } as never);
});

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case "serverCount":
      return Object.fromEntries(
        await Promise.all(
          ["/", "/chat", "/admin"].map(async (path) => [path, await io.of(path).adapter.serverCount()] as const),
        ),
      );
    case "emit": {
      const namespace = command.namespace === "/admin" ? admin : chat;
      let target = command.to === undefined ? namespace.in([]) : namespace.to(command.to);
      if (command.except !== undefined) target = target.except(command.except);
      (target.emit as (event: string, ...args: unknown[]) => unknown)(command.event, ...command.args);
      return undefined;
    }
    case "rawEmit":
      // Past the contract, as a plain Socket.IO call would go: only the receiving runtime checks it.
      chat.raw.to(command.to).emit(command.event, ...command.args);
      return undefined;
    case "emitFile": {
      const bytes = patternBytes(command.size, command.seed);
      const parts = [patternBytes(3, command.seed + 1), patternBytes(0, 0), patternBytes(257, command.seed + 2)];
      (command.to === undefined ? chat : chat.to(command.to)).emit("file:ready", {
        name: command.name,
        bytes: Buffer.from(bytes),
        nested: { parts },
      });
      return undefined;
    }
    case "ticks": {
      const target = command.to === undefined ? chat.in([]) : chat.to(command.to);
      const failures: string[] = [];
      for (let seq = 0; seq < command.count; seq++) {
        try {
          target.emit("tick", { seq, from: command.from });
        } catch (error) {
          failures.push(ContractError.is(error) ? error.code : String(error));
        }
        await sleep(command.intervalMs);
      }
      return { sent: command.count - failures.length, failures };
    }
    case "fetchSockets": {
      const all = command.timeoutMs === undefined ? chat.in([]) : chat.timeout(command.timeoutMs);
      const sockets = await (command.to === undefined ? all.fetchSockets() : all.in(command.to).fetchSockets());
      return sockets.map((socket) => ({ id: socket.id, data: socket.data, rooms: [...socket.rooms] }));
    }
    case "remote": {
      const socket = (await chat.fetchSockets()).find((candidate) => candidate.id === command.socketId);
      if (socket === undefined) throw new Error(`no socket ${command.socketId} on any node`);
      if (command.action === "emit")
        (socket.emit as (event: string, ...args: unknown[]) => void)(...(command.args as [string, ...unknown[]]));
      else if (command.action === "join") socket.join(command.args[0] as string);
      else if (command.action === "leave") socket.leave(command.args[0] as string);
      else socket.disconnect(true);
      return undefined;
    }
    case "rawFetchSockets":
      // Socket.IO's own, past the runtime: how long it waits when nobody bounds it.
      return (await chat.raw.fetchSockets()).length;
    case "pingAll":
      // A broadcast with acks to every client of every node.
      return await chat.timeout(command.timeoutMs).emit("ping");
    case "serverSideEmit":
      return await (server.serverSideEmit as (event: string, ...args: unknown[]) => unknown)(
        command.event,
        ...command.args,
      );
    case "rawServerSideEmit":
      io.serverSideEmit(command.event, ...command.args);
      return undefined;
    case "answerMode":
      answerMode = command.mode;
      return undefined;
    case "corruptData": {
      const socket = chat.raw.sockets.get(command.socketId);
      if (socket === undefined) throw new Error(`no local socket ${command.socketId}`);
      socket.data = { userId: 42, node: name };
      return undefined;
    }
    case "stats":
      return { tickValidations: validations.tick, sockets: chat.raw.sockets.size };
  }
}

function toReplyError(error: unknown): ReplyError {
  if (ContractError.is(error)) return { code: error.code, message: error.message, data: error.data };
  return { message: error instanceof Error ? error.message : String(error) };
}

// An unhandled rejection would end the process; the test is told instead, and fails on it.
process.on("unhandledRejection", (reason) => {
  send({
    type: "unhandled",
    message: reason instanceof Error ? `${reason.message}\n${reason.stack ?? ""}` : String(reason),
  });
});

process.on("message", (message: Request) => {
  if (typeof message?.id !== "number" || typeof message.cmd !== "string") return;
  run(message).then(
    (value) => send({ id: message.id, ok: true, value }),
    (error: unknown) => send({ id: message.id, ok: false, error: toReplyError(error) }),
  );
});
// A graceful stop, as a process manager asks for one: io.close() ends every socket with "server
// shutting down", which stores its session for connection state recovery; quitting the Redis
// client sends what is queued (those session writes) before the process exits.
process.once("SIGTERM", () => {
  setTimeout(() => process.exit(1), 5_000).unref();
  void io
    .close()
    .then(() => setup.close())
    .finally(() => process.exit(0));
});
// Never outlive the test process: when the IPC channel closes, so does the node.
process.on("disconnect", () => {
  void setup.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
});

// In a cluster worker, each node listens on its own port (exclusive), so a test can pick the node
// its clients talk to; the cluster's shared, round-robin port is what @socket.io/sticky is for.
http.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () =>
  send({ type: "ready", port: (http.address() as AddressInfo).port }),
);
