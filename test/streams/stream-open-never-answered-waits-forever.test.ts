import { bindClient } from "@socket-contract/client";
import { type BoundSocket, bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, sleep, startServer, until } from "../support/util.js";
import { collect } from "./support.js";

/** What reading a stream to its end gave: its items, or the error its loop threw, and its ack's outcome. */
async function outcome(stream: AsyncIterable<unknown> & { ack: Promise<unknown> }) {
  const read = await collect(stream).catch((error: unknown) => error);
  return { read, ack: await stream.ack.catch((error: unknown) => error) };
}

it("a stream requested from a server that never answers its open fails with TIMEOUT after ackTimeout", async () => {
  // A plain Socket.IO server, as one that predates streams: contract:open reaches no listener.
  const { io, url } = await startServer();
  const opens: unknown[] = [];
  const cancels: unknown[] = [];
  io.of("/s").on("connection", (socket) => {
    socket.on("contract:open", (header) => opens.push(header));
    socket.on("contract:cancel", (id) => cancels.push(id));
  });
  const s = bindClient(streamContract, "/s", client(url, "/s"), { ackTimeout: 150 });
  await connected(s.socket);
  const got = await outcome(s.stream("count", { n: 2 }));
  expect(got.read).toMatchObject({ code: "TIMEOUT", event: "count", namespace: "/s" });
  expect(got.ack).toMatchObject({ code: "TIMEOUT", event: "count", namespace: "/s" });
  // The server is told to drop the stream, should it answer late.
  await until(() => cancels.length === 1);
  expect(cancels).toEqual([(opens[0] as { id: number }).id]);
  // timeout(ms) sets one request's deadline, as it does an emit's (the default ackTimeout, 10 s,
  // would outlast the test's own timeout).
  const patient = bindClient(streamContract, "/s", client(url, "/s"));
  await connected(patient.socket);
  const upload = patient.timeout(50).stream("upload", { name: "a" }, [new Uint8Array([1])]);
  expect(await upload.ack.catch((error: unknown) => error)).toMatchObject({ code: "TIMEOUT", event: "upload" });
  expect(opens).toHaveLength(2);
});

it("a server's socket.stream to a client that never answers its open fails with TIMEOUT after ackTimeout", async () => {
  const { io, url } = await startServer();
  const server = bindServer(streamContract, io, { ackTimeout: 150 });
  const connection = new Promise<BoundSocket<typeof streamContract, "/s">>((resolve) =>
    server.of("/s").on("connection", resolve),
  );
  // A plain socket.io-client, as a client that predates streams: contract:open reaches no listener.
  const raw = client(url, "/s");
  const socket = await connection;
  const got = await outcome(socket.stream("progress", 3));
  expect(got.read).toMatchObject({ code: "TIMEOUT", event: "progress", namespace: "/s" });
  expect(got.ack).toMatchObject({ code: "TIMEOUT", event: "progress" });
  expect(raw.connected).toBe(true);
});

it("a handler slow to its first item keeps its stream: the responder acknowledges the open as it reads it", async () => {
  // A live feed or a search may take longer than ackTimeout to find its first item: the deadline
  // is for the open to reach a peer that streams, not for the handler's work.
  const { io, url } = await startServer();
  bindServer(streamContract, io)
    .of("/s")
    .on("connection", (socket) => {
      socket.on("endless", async function* () {
        await sleep(400);
        yield 1;
        yield 2;
      });
    });
  const s = bindClient(streamContract, "/s", client(url, "/s"), { ackTimeout: 100 });
  await connected(s.socket);
  const got = await collect(s.stream("endless", "slow"));
  expect(got).toEqual([1, 2]);
  // On the wire, the open carries an ack callback, answered { ok: true } before any item.
  const raw = client(url, "/s");
  await connected(raw);
  const answer = await raw.timeout(1_000).emitWithAck("contract:open", { id: 1, event: "endless", credit: 4 }, "x");
  expect(answer).toEqual({ ok: true });
});

it("once its first item arrived, a stream has no deadline: a pause longer than ackTimeout loses nothing", async () => {
  const { io, url } = await startServer();
  bindServer(streamContract, io)
    .of("/s")
    .on("connection", (socket) => {
      socket.on("count", async function* ({ n }) {
        for (let i = 0; i < n; i++) {
          yield { i };
          await sleep(150);
        }
        return { total: n };
      });
      socket.on("hold", async (words) => {
        await sleep(150);
        let n = 0;
        for await (const _ of words) n++;
        return n;
      });
    });
  const s = bindClient(streamContract, "/s", client(url, "/s"), { ackTimeout: 100 });
  await connected(s.socket);
  const got = await outcome(s.stream("count", { n: 3 }));
  expect(got).toEqual({ read: [{ i: 0 }, { i: 1 }, { i: 2 }], ack: { total: 3 } });
  // An upload's open is answered by the credit the handler grants as it starts.
  await expect(s.stream("hold", ["a", "b", "c"]).ack).resolves.toBe(3);
});
