import { bindClient, ContractError } from "@socket-contract/client";
import type { OutgoingPacket } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { client, connected, errorLog, sleep, startServer, until } from "../support/util.js";
import { contract } from "./support.js";

it("an outgoing interceptor refuses a server emit: the call throws that code and nothing reaches the client", async () => {
  const { io, url } = await startServer();
  const server = bindServer(contract, io, {
    interceptors: [
      {
        outgoing: (packet) => {
          if (packet.kind === "emit" && packet.event === "notice" && packet.args[0] === "secret")
            throw new ContractError("FORBIDDEN");
        },
      },
    ],
  });
  const sockets: { emit(event: "notice", text: string): void }[] = [];
  server.of("/ops").on("connection", (socket) => void sockets.push(socket));
  const peer = bindClient(contract, "/ops", client(url, "/ops"));
  const notices: string[] = [];
  peer.on("notice", (text) => void notices.push(text));
  await connected(peer.socket);
  await until(() => sockets.length === 1);
  expect(() => sockets[0]!.emit("notice", "secret")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  sockets[0]!.emit("notice", "public");
  await until(() => notices.length === 1);
  await sleep(20);
  expect(notices).toEqual(["public"]);
});

it("an outgoing interceptor refuses a client's ack-bearing emit: the promise rejects with its code and the server never hears of it", async () => {
  const { io, url } = await startServer();
  const handled: string[] = [];
  bindServer(contract, io)
    .of("/ops")
    .on("connection", (socket) => {
      socket.on("user:ban", (name) => (handled.push(name), { banned: name }));
      socket.on("user:note", (note) => void handled.push(note));
    });
  const peer = bindClient(contract, "/ops", client(url, "/ops"), {
    interceptors: [{ outgoing: (packet) => void (packet.kind === "emit" && packet.args[0] === "root" && forbid()) }],
  });
  await connected(peer.socket);
  await expect(peer.emit("user:ban", "root")).rejects.toMatchObject({ code: "FORBIDDEN" });
  expect(() => peer.emit("user:note", "root")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  expect(await peer.emit("user:ban", "bob")).toEqual({ banned: "bob" });
  expect(handled).toEqual(["bob"]);
});

it("an outgoing ack is intercepted after its check: a refusal answers the sender with the code instead of the value", async () => {
  const { io, url } = await startServer();
  const log = errorLog();
  const acks: unknown[] = [];
  const ops = bindServer(contract, io, { onError: log.onError }).of("/ops");
  ops.intercept({
    outgoing: (packet) => {
      if (packet.kind !== "ack") return;
      acks.push(packet.value);
      if (packet.event === "user:ban" && packet.value.banned === "root") throw new ContractError("FORBIDDEN");
    },
  });
  ops.on(
    "connection",
    (socket) =>
      void socket.on("user:ban", (name) => ({ banned: name, extra: "stripped by the check" }) as { banned: string }),
  );
  const peer = bindClient(contract, "/ops", client(url, "/ops"));
  await connected(peer.socket);
  expect(await peer.emit("user:ban", "bob")).toEqual({ banned: "bob" });
  await expect(peer.emit("user:ban", "root")).rejects.toMatchObject({ code: "FORBIDDEN" });
  // The interceptor saw the checked value (no undeclared key), frozen as sent.
  expect(acks).toEqual([{ banned: "bob" }, { banned: "root" }]);
  expect(log.errors.map((e) => e.code)).toEqual(["FORBIDDEN"]);
});

it("an error a handler throws is no outgoing ack: the incoming interceptor's outcome carries the code the sender got", async () => {
  const { io, url } = await startServer();
  const seen: string[] = [];
  const ops = bindServer(contract, io).of("/ops");
  ops.intercept({
    incoming: async (call, next) => {
      const outcome = await next();
      seen.push(`in ${call.event} ${outcome.ok ? "OK" : outcome.error.code}`);
    },
    outgoing: (packet) => void seen.push(`out ${packet.kind} ${packet.event}`),
  });
  ops.on("connection", (socket) => {
    socket.on("user:ban", (name) => {
      if (name === "root") throw new ContractError("ALREADY_BANNED", { data: { since: 1 } });
      return { banned: name };
    });
  });
  const peer = bindClient(contract, "/ops", client(url, "/ops"));
  await connected(peer.socket);
  expect(await peer.emit("user:ban", "bob")).toEqual({ banned: "bob" });
  await expect(peer.emit("user:ban", "root")).rejects.toMatchObject({ code: "ALREADY_BANNED", data: { since: 1 } });
  expect(seen).toEqual(["out ack user:ban", "in user:ban OK", "in user:ban ALREADY_BANNED"]);
});

it("a broadcast is intercepted once, whatever the number of recipients, and its outcome observed once", async () => {
  const { io, url } = await startServer();
  const packets: OutgoingPacket[] = [];
  const outcomes: unknown[] = [];
  let refuse = false;
  const server = bindServer(contract, io, {
    interceptors: [
      {
        outgoing: (packet) => {
          if (refuse) forbid();
          packets.push(packet);
          return (outcome) => void outcomes.push(outcome.ok ? outcome.value : outcome.error.code);
        },
      },
    ],
  });
  const ops = server.of("/ops");
  const peers = [0, 1, 2].map(() => bindClient(contract, "/ops", client(url, "/ops")));
  const received: string[] = [];
  for (const peer of peers) {
    peer.on("notice", (text) => void received.push(text));
    peer.on("ping", () => "pong" as const);
  }
  await Promise.all(peers.map((peer) => connected(peer.socket)));
  ops.emit("notice", "all hands");
  await until(() => received.length === 3);
  expect(await ops.timeout(2_000).emit("ping")).toEqual(["pong", "pong", "pong"]);
  const broadcasts = packets.filter((packet) => packet.kind === "broadcast");
  expect(broadcasts.map((packet) => packet.event)).toEqual(["notice", "ping"]);
  expect(broadcasts.map((packet) => packet.socket)).toEqual([undefined, undefined]);
  expect(outcomes).toEqual([undefined, ["pong", "pong", "pong"]]);
  // A refused broadcast throws at the call site and reaches nobody.
  refuse = true;
  expect(() => ops.emit("notice", "never")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  await sleep(20);
  expect(received).toEqual(["all hands", "all hands", "all hands"]);
});

it("an emit to one socket from fetchSockets() is an emit, not a broadcast, acked or not, with or without timeout", async () => {
  const { io, url } = await startServer();
  const packets: OutgoingPacket[] = [];
  const outcomes: unknown[] = [];
  const server = bindServer(contract, io, {
    interceptors: [
      {
        outgoing: (packet) => {
          packets.push(packet);
          return (outcome) => void outcomes.push(outcome.ok ? outcome.value : outcome.error.code);
        },
      },
    ],
  });
  const ops = server.of("/ops");
  const peers = [0, 1].map(() => bindClient(contract, "/ops", client(url, "/ops")));
  const received: string[] = [];
  for (const peer of peers) {
    peer.on("notice", (text) => void received.push(text));
    peer.on("ping", () => "pong" as const);
  }
  await Promise.all(peers.map((peer) => connected(peer.socket)));
  const [remote] = await ops.in(peers[0]!.socket.id!).fetchSockets();
  remote!.emit("notice", "just you");
  await until(() => received.length === 1);
  expect(await remote!.emit("ping")).toBe("pong");
  expect(await remote!.timeout(2_000).emit("ping")).toBe("pong");
  expect(received).toEqual(["just you"]);
  // One recipient, so one emit each: its interceptors see what a bound socket's emit shows them, but
  // `socket` is undefined, since no bound socket of this node stands for a socket found on any node.
  expect(packets.map((packet) => `${packet.kind} ${packet.event} ${packet.hasAck}`)).toEqual([
    "emit notice false",
    "emit ping true",
    "emit ping true",
  ]);
  expect(packets.map((packet) => packet.socket)).toEqual([undefined, undefined, undefined]);
  expect(outcomes).toEqual([undefined, "pong", "pong"]);
});

function forbid(): never {
  throw new ContractError("FORBIDDEN");
}
