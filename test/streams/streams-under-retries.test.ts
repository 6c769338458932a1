import { bindClient } from "@socket-contract/client";
import { bindServer, type BoundSocket } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, errorLog, startServer } from "../support/util.js";
import { collect } from "./support.js";

/**
 * socket.io-client's `retries` queues every emit with a callback and sends one at a time until it
 * is acknowledged. Stream frames went through that queue too: the server refuses a frame that
 * carries a callback, so the client retried each refused frame and no stream ever opened (the
 * test timed out).
 */
describe("streams on a client with socket.io-client's retries", () => {
  it("serves the streams either side opens, with no error on either side", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    const server = bindServer(streamContract, io, { onError: log.onError });
    const sockets: BoundSocket<typeof streamContract, "/s">[] = [];
    server.of("/s").on("connection", (socket) => {
      sockets.push(socket);
      socket.on("count", async function* ({ n }) {
        for (let i = 0; i < n; i++) yield { i };
        return { total: n };
      });
      socket.on("shout", async function* (words) {
        for await (const word of words) yield word.toUpperCase();
      });
      socket.on("ping", () => "pong" as const);
    });
    const raw = client(url, "/s", { retries: 3, ackTimeout: 1_000 });
    const chat = bindClient(streamContract, "/s", raw, { ackTimeout: 1_000 });
    const clientErrors: unknown[] = [];
    chat.onError((error) => clientErrors.push([error.code, error.message]));
    await connected(raw);
    const count = chat.stream("count", { n: 3 });
    expect(await collect(count)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    await expect(count.ack).resolves.toEqual({ total: 3 });
    expect(await collect(chat.stream("shout", ["a", "b"]))).toEqual(["A", "B"]);
    chat.on("progress", async function* (steps) {
      for (let step = 1; step <= steps; step++) yield { pct: (100 * step) / steps };
      return "done" as const;
    });
    chat.on("sum", async (numbers) => {
      let total = 0;
      for await (const n of numbers) total += n;
      return total;
    });
    const progress = sockets[0]!.stream("progress", 2);
    expect(await collect(progress)).toEqual([{ pct: 50 }, { pct: 100 }]);
    await expect(progress.ack).resolves.toBe("done");
    await expect(sockets[0]!.stream("sum", [1, 2, 3]).ack).resolves.toBe(6);
    // Events keep socket.io-client's retries: an ack-bearing call still works.
    await expect(chat.emit("ping")).resolves.toBe("pong");
    expect(clientErrors).toEqual([]);
    expect(log.errors).toEqual([]);
  }, 10_000);
});
