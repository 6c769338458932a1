import { defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, errorLog, sleep, startServer, until } from "../support/util.js";

const contract = defineContract({
  name: "lifecycle",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      clientToServer: { "room:join": { args: [z.string()], ack: z.boolean() } },
      serverToClient: { ask: { args: [], ack: z.string() } },
    },
  },
});

async function setup() {
  const { io, url } = await startServer();
  const log = errorLog();
  const chat = bindServer(contract, io, { onError: log.onError }).of("/chat");
  return { url, chat, errors: log.errors };
}

// A bound server socket threw `"disconnect" is not a client-to-server event` on
// `socket.on("disconnect", ...)`, the first listener a Socket.IO user writes; only
// `socket.raw.on("disconnect", ...)` worked.
describe("a bound server socket's lifecycle events", () => {
  it("hears disconnecting (rooms still joined) and disconnect, with Socket.IO's reason and description", async () => {
    const { url, chat, errors } = await setup();
    const seen: unknown[] = [];
    chat.on("connection", (socket) => {
      socket.on("room:join", async (room) => {
        await socket.join(room);
        return true;
      });
      socket.on("disconnecting", (reason) => seen.push(["disconnecting", reason, [...socket.rooms].sort()]));
      socket.on("disconnect", (reason, description) =>
        seen.push([
          "disconnect",
          reason,
          description === undefined ? "no description" : "description",
          socket.rooms.size,
        ]),
      );
    });
    const socket = client(url, "/chat");
    await connected(socket);
    await socket.emitWithAck("room:join", "lobby");
    const id = socket.id!;
    socket.disconnect();
    await until(() => seen.length === 2);
    expect(seen).toEqual([
      ["disconnecting", "client namespace disconnect", [id, "lobby"].sort()],
      ["disconnect", "client namespace disconnect", "no description", 0],
    ]);
    expect(errors).toEqual([]);
  });

  it("removes a lifecycle listener with off, with the remover on returns, and once hears it once", async () => {
    const { url, chat } = await setup();
    const seen: string[] = [];
    chat.on("connection", (socket) => {
      const kept = (reason: string) => seen.push(`kept ${reason}`);
      const removed = () => seen.push("removed by off");
      socket.on("disconnect", kept);
      socket.on("disconnect", removed);
      socket.off("disconnect", removed);
      const stop = socket.on("disconnecting", () => seen.push("removed by its remover"));
      stop();
      socket.once("disconnecting", () => seen.push("once"));
      socket.on("disconnecting", () => seen.push("every"));
      socket.off("disconnecting");
    });
    const socket = client(url, "/chat");
    await connected(socket);
    socket.disconnect();
    await until(() => seen.length >= 1);
    await sleep(50);
    expect(seen).toEqual(["kept client namespace disconnect"]);
  });

  it("keeps the runtime's own disconnect handling when off removes every lifecycle listener", async () => {
    const { url, chat } = await setup();
    let pending: Promise<unknown> | undefined;
    chat.on("connection", (socket) => {
      pending = socket.emit("ask");
      socket.off("disconnect");
      socket.off("disconnecting");
    });
    const socket = client(url, "/chat");
    await connected(socket);
    await until(() => pending !== undefined);
    const started = Date.now();
    socket.disconnect();
    // The pending ack is settled by the runtime's own listener, at once, not by the 10 s timeout.
    await expect(pending).rejects.toMatchObject({ code: "DISCONNECTED" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("sends what a lifecycle listener throws to onError, not out of Socket.IO", async () => {
    const { url, chat, errors } = await setup();
    chat.on("connection", (socket) => {
      socket.on("disconnect", () => {
        throw new Error("cleanup bug");
      });
      socket.on("disconnecting", async () => {
        throw new Error("async cleanup bug");
      });
    });
    const socket = client(url, "/chat");
    await connected(socket);
    const id = socket.id;
    socket.disconnect();
    await until(() => errors.length === 2);
    expect(errors.map((e) => [e.code, e.event, e.namespace, e.socketId, (e.cause as Error).message]).sort()).toEqual([
      ["HANDLER_ERROR", "disconnect", "/chat", id, "cleanup bug"],
      ["HANDLER_ERROR", "disconnecting", "/chat", id, "async cleanup bug"],
    ]);
  });
});

describe("the lifecycle names in a contract", () => {
  it("are refused by defineContract, so a bound socket's disconnect is always Socket.IO's", () => {
    for (const name of ["disconnect", "disconnecting"])
      expect(() =>
        defineContract({
          name: "x",
          version: "1",
          namespaces: { "/x": { clientToServer: { [name]: { args: [] } } } },
        }),
      ).toThrow(`namespaces["/x"].clientToServer["${name}"]: "${name}" is reserved`);
  });
});
