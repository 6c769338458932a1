import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, sleep, startServer } from "../support/util.js";

/** A server whose `count` handler counts its calls, and a client bound with a short `ackTimeout`. */
async function setup(ackTimeout: number) {
  const { io, url } = await startServer();
  let handled = 0;
  bindServer(streamContract, io)
    .of("/s")
    .on("connection", (socket) => {
      socket.on("count", async function* ({ n }) {
        handled++;
        for (let i = 0; i < n; i++) yield { i };
        return { total: n };
      });
      socket.on("ping", () => "pong" as const);
    });
  const s = bindClient(streamContract, "/s", client(url, "/s", { autoConnect: false }), { ackTimeout });
  return { s, handled: () => handled };
}

it("a stream requested while offline fails with TIMEOUT after ackTimeout, as an acked emit does, and is never sent", async () => {
  const { s, handled } = await setup(150);
  const started = performance.now();
  const emitted = s.emit("ping").catch((error: unknown) => error);
  const stream = s.stream("count", { n: 2 });
  const read = (async () => {
    for await (const _ of stream);
  })().catch((error: unknown) => error);
  expect(await emitted).toMatchObject({ code: "TIMEOUT", event: "ping" });
  expect(await stream.ack.catch((error: unknown) => error)).toMatchObject({
    code: "TIMEOUT",
    event: "count",
    namespace: "/s",
  });
  expect(await read).toMatchObject({ code: "TIMEOUT", event: "count" });
  expect(performance.now() - started).toBeLessThan(1_000);
  // Once connected, neither the expired emit nor the expired stream request reaches the server.
  s.socket.connect();
  await connected(s.socket);
  const after = s.stream("count", { n: 3 });
  const items: number[] = [];
  for await (const { i } of after) items.push(i);
  expect(items).toEqual([0, 1, 2]);
  await expect(after.ack).resolves.toEqual({ total: 3 });
  expect(handled()).toBe(1);
});

it("a stream requested while offline opens once the socket connects within ackTimeout", async () => {
  const { s, handled } = await setup(2_000);
  const stream = s.stream("count", { n: 2 });
  setTimeout(() => s.socket.connect(), 50);
  const items: number[] = [];
  for await (const { i } of stream) items.push(i);
  expect(items).toEqual([0, 1]);
  await expect(stream.ack).resolves.toEqual({ total: 2 });
  expect(handled()).toBe(1);
});

it("a stream cancelled while it waits offline leaves nothing behind once its wait is over", async () => {
  const { s, handled } = await setup(100);
  const told: string[] = [];
  s.onError((error) => told.push(error.code));
  const stream = s.stream("count", { n: 2 });
  stream.cancel();
  await expect(stream.ack).rejects.toMatchObject({ name: "AbortError" });
  await sleep(200);
  s.socket.connect();
  await connected(s.socket);
  await expect(s.emit("ping")).resolves.toBe("pong");
  await sleep(50);
  expect(handled()).toBe(0);
  expect(told).toEqual([]);
});
