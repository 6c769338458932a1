import { bindClient } from "@socket-contract/client";
import { bindServer, type BoundSocket } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, errorLog, startServer } from "../support/util.js";
import { collect } from "./support.js";

/**
 * Under `connectionStateRecovery`, Socket.IO appends a recovery offset to every ack-less packet a
 * server sends, stream frames included. The client refused the server's `contract:open` for its
 * extra argument, so a stream the server opened failed with INVALID_PAYLOAD.
 */
describe("streams under connectionStateRecovery", () => {
  it("serves the streams either side opens, with no error on either side", async () => {
    const { io, url } = await startServer({ connectionStateRecovery: {} });
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
    });
    const raw = client(url, "/s", { transports: ["websocket"] });
    const chat = bindClient(streamContract, "/s", raw);
    const clientErrors: unknown[] = [];
    chat.onError((e) => clientErrors.push([e.code, e.message]));
    await connected(raw);
    const s = chat.stream("count", { n: 3 });
    expect(await collect(s)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    await expect(s.ack).resolves.toEqual({ total: 3 });
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
    expect(clientErrors).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
