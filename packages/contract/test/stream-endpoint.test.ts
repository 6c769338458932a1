import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ContractError, streamOf } from "../src/index.js";
import { STREAM_CREDIT, STREAM_ITEM, STREAM_OPEN } from "../src/protocol/index.js";
import { streamPair, until } from "./support/stream-pair.js";

const count = {
  args: [z.number().int()],
  stream: z.object({ n: z.number().int() }),
  ack: z.object({ total: z.number() }),
  errors: { TOO_MANY: z.object({ limit: z.number() }) },
};
const upload = {
  args: [z.string(), streamOf(z.string().max(5))],
  ack: z.object({ received: z.number(), text: z.string() }),
};
const capped = { args: [streamOf(z.number(), { window: 2, maxItems: 3 })], ack: z.number() };
const events = { clientToServer: { count, upload, capped } };

async function collect(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe("stream frames between two endpoints", () => {
  for (const window of [1, 16, 256]) {
    it(`delivers every item once, in order, then the ack, at window ${window}`, async () => {
      const { client, server } = streamPair(events, { window });
      server.handlers.set("count", async function* (n: number) {
        for (let i = 0; i < n; i++) yield { n: i };
        return { total: n };
      });
      const stream = client.endpoint.request("count", [1_000]);
      const items = await collect(stream);
      expect(items).toEqual(Array.from({ length: 1_000 }, (_, n) => ({ n })));
      await expect(stream.ack).resolves.toEqual({ total: 1_000 });
      expect(client.endpoint.size + server.endpoint.size).toBe(0);
      // Credit travels in batches of half a window.
      const credits = client.sent.filter((frame) => frame.event === STREAM_CREDIT).length;
      expect(credits).toBeLessThanOrEqual(Math.ceil(1_000 / Math.max(1, Math.ceil(window / 2))));
    });
  }

  it("never lets the responder run more than the window ahead of a slow reader", async () => {
    const { client, server } = streamPair(events, { window: 4 });
    let produced = 0;
    let consumed = 0;
    let ahead = 0;
    server.handlers.set("count", async function* (n: number) {
      for (let i = 0; i < n; i++) {
        produced++;
        ahead = Math.max(ahead, produced - consumed);
        yield { n: i };
      }
      return { total: n };
    });
    for await (const _ of client.endpoint.request("count", [40])) {
      consumed++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(consumed).toBe(40);
    // The window, plus the item the generator is paused on.
    expect(ahead).toBeLessThanOrEqual(5);
  });

  it("a break out of for-await cancels: the responder's finally runs and the ack rejects with AbortError", async () => {
    const { client, server } = streamPair(events);
    let closed = false;
    server.handlers.set("count", async function* () {
      try {
        for (let i = 0; ; i++) yield { n: i };
      } finally {
        closed = true;
      }
    });
    const stream = client.endpoint.request("count", [0]);
    for await (const item of stream) if ((item as { n: number }).n === 3) break;
    await until(() => closed);
    await expect(stream.ack).rejects.toMatchObject({ name: "AbortError" });
    await until(() => server.endpoint.size === 0 && client.endpoint.size === 0);
    expect(server.errors).toEqual([]);
  });

  it("an aborted signal cancels a reader that waits, with the signal's reason", async () => {
    const { client, server } = streamPair(events);
    let closed = false;
    server.handlers.set("count", async function* () {
      try {
        yield { n: 0 };
        await new Promise(() => {});
      } finally {
        closed = true;
      }
    });
    const controller = new AbortController();
    const stream = client.endpoint.request("count", [0, { signal: controller.signal }]);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { n: 0 } });
    const waiting = iterator.next();
    controller.abort(new Error("user left"));
    await expect(waiting).rejects.toThrow("user left");
    await expect(stream.ack).rejects.toThrow("user left");
    // The generator is stuck in an await: its finally runs once return() reaches it, which a
    // pending await delays; the responder forgot the stream at once.
    await until(() => server.endpoint.size === 0);
    expect(closed).toBe(false);
  });

  it("a declared ContractError ends the stream with its code and data; another throw is HANDLER_ERROR with nothing internal", async () => {
    const { client, server } = streamPair(events);
    server.handlers.set("count", async function* (n: number) {
      yield { n: 0 };
      if (n === 1) throw new ContractError("TOO_MANY", { data: { limit: 1 } });
      throw new Error("database password is hunter2");
    });
    const declared = client.endpoint.request("count", [1]);
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const item of declared) seen.push(item);
      })(),
    ).rejects.toMatchObject({ code: "TOO_MANY", data: { limit: 1 } });
    expect(seen).toEqual([{ n: 0 }]);
    const other = client.endpoint.request("count", [2]);
    await expect(collect(other)).rejects.toMatchObject({ code: "HANDLER_ERROR" });
    await expect(other.ack).rejects.not.toThrow("hunter2");
    expect(server.errors.map((error) => error.code)).toEqual(["TOO_MANY", "HANDLER_ERROR"]);
  });

  it("an item the contract refuses is not sent: the stream ends with INVALID_PAYLOAD on both ends", async () => {
    const { client, server } = streamPair(events);
    let closed = false;
    server.handlers.set("count", async function* () {
      try {
        yield { n: 0 };
        yield { n: "one" } as never;
        yield { n: 2 };
      } finally {
        closed = true;
      }
    });
    const stream = client.endpoint.request("count", [0]);
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const item of stream) seen.push(item);
      })(),
    ).rejects.toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [1, "n"] }] });
    expect(seen).toEqual([{ n: 0 }]);
    expect(server.sent.filter((frame) => frame.event === STREAM_ITEM)).toHaveLength(1);
    expect(closed).toBe(true);
    expect(server.errors.map((error) => error.code)).toEqual(["INVALID_PAYLOAD"]);
  });

  it("an upload reaches the handler as parsed items, pulled only as the handler reads", async () => {
    const { client, server } = streamPair(events, { window: 2 });
    let pulled = 0;
    let read = 0;
    let ahead = 0;
    server.handlers.set("upload", async (name: string, chunks: AsyncIterable<string>) => {
      let text = "";
      for await (const chunk of chunks) {
        read++;
        text += chunk;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return { received: read, text: `${name}:${text}` };
    });
    function* source() {
      for (let i = 0; i < 30; i++) {
        pulled++;
        ahead = Math.max(ahead, pulled - read);
        yield String(i % 10);
      }
    }
    const stream = client.endpoint.request("upload", ["f", source()]);
    expect(await collect(stream)).toEqual([]);
    await expect(stream.ack).resolves.toEqual({ received: 30, text: "f:012345678901234567890123456789" });
    expect(ahead).toBeLessThanOrEqual(3);
  });

  it("an upload takes an array or a web ReadableStream", async () => {
    const { client, server } = streamPair(events);
    server.handlers.set("upload", async (_name: string, chunks: AsyncIterable<string>) => {
      let text = "";
      for await (const chunk of chunks) text += chunk;
      return { received: text.length, text };
    });
    await expect(client.endpoint.request("upload", ["a", ["ab", "cd"]]).ack).resolves.toEqual({
      received: 4,
      text: "abcd",
    });
    const readable = new ReadableStream<string>({
      start(controller) {
        controller.enqueue("xy");
        controller.enqueue("z");
        controller.close();
      },
    });
    await expect(client.endpoint.request("upload", ["b", readable]).ack).resolves.toEqual({ received: 3, text: "xyz" });
  });

  it("an upload item the contract refuses fails where it is produced; the responder is told by the cancel", async () => {
    const { client, server } = streamPair(events);
    server.handlers.set("upload", async (_name: string, chunks: AsyncIterable<string>) => {
      for await (const _ of chunks);
      return { received: 0, text: "" };
    });
    const stream = client.endpoint.request("upload", ["a", ["ok", "far too long"]]);
    await expect(stream.ack).rejects.toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [1] }] });
    await until(() => server.endpoint.size === 0);
  });

  it("bad arguments fail a client's stream with INVALID_PAYLOAD and throw it at a server's call; nothing is sent; a non-stream event is refused", async () => {
    const { client, server } = streamPair({
      clientToServer: { ...events.clientToServer, plain: { args: [z.string()] } },
      serverToClient: { count },
    });
    await expect(client.endpoint.request("count", ["x"]).ack).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
    await expect(client.endpoint.request("upload", ["x", 42]).ack).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
    await expect(client.endpoint.request("count", [1, { window: 0 }]).ack).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
    expect(() => server.endpoint.request("count", ["x"])).toThrow(expect.objectContaining({ code: "INVALID_PAYLOAD" }));
    expect(() => server.endpoint.request("count", [1, { window: 0 }])).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
    expect(() => client.endpoint.request("nope", [])).toThrow(expect.objectContaining({ code: "UNKNOWN_EVENT" }));
    expect(() => client.endpoint.request("plain", ["x"])).toThrow("does not stream");
    expect(client.sent).toEqual([]);
    expect(server.sent).toEqual([]);
  });

  it("closing ends every open stream on both sides with DISCONNECTED at once", async () => {
    const { client, server } = streamPair(events);
    let closed = 0;
    server.handlers.set("count", async function* () {
      try {
        for (let i = 0; ; i++) yield { n: i };
      } finally {
        closed++;
      }
    });
    const streams = [client.endpoint.request("count", [0]), client.endpoint.request("count", [0])];
    await until(() => server.endpoint.size === 2);
    const disconnected = new ContractError("DISCONNECTED");
    client.endpoint.close(disconnected);
    server.endpoint.close(disconnected);
    for (const stream of streams) {
      await expect(collect(stream)).rejects.toMatchObject({ code: "DISCONNECTED" });
      await expect(stream.ack).rejects.toMatchObject({ code: "DISCONNECTED" });
    }
    await until(() => closed === 2);
  });

  it("refuses the stream over the per-connection cap with RATE_LIMITED; the others go on", async () => {
    const { client, server } = streamPair(events, { maxOpen: 2 });
    server.handlers.set("count", async function* (n: number) {
      for (let i = 0; i < n; i++) yield { n: i };
      return { total: n };
    });
    const streams = [0, 1, 2].map(() => client.endpoint.request("count", [100]));
    await expect(streams[2]!.ack).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await collect(streams[0]!)).toHaveLength(100);
    expect(await collect(streams[1]!)).toHaveLength(100);
    expect(server.errors.map((error) => error.code)).toEqual(["RATE_LIMITED"]);
  });

  it("refuses hostile frames: unknown ids, beyond credit, malformed headers, reused ids; frames after the end are dropped", async () => {
    const { client, server } = streamPair(events, { window: 2 });
    // A handler that never reads: nothing frees the window.
    server.handlers.set("upload", () => new Promise(() => {}));
    const raw = server.endpoint;
    raw.receive(STREAM_ITEM, [99, "x"]);
    raw.receive(STREAM_OPEN, [{ id: "1", event: "upload", credit: 0 }, "a"]);
    raw.receive(STREAM_CREDIT, [98, 1e9]);
    // The first is answered with contract:error; a flood of them is answered once a second, and onError hears of each.
    expect(server.reports.map((report) => [report.event, report.code])).toEqual([["contract:item", "INVALID_PAYLOAD"]]);
    expect(server.errors.map((error) => [error.event, error.code])).toEqual([
      ["contract:item", "INVALID_PAYLOAD"],
      ["contract:open", "INVALID_PAYLOAD"],
      ["contract:credit", "INVALID_PAYLOAD"],
    ]);
    // Credit granted: 2 items. The third is beyond it and closes the stream.
    raw.receive(STREAM_OPEN, [{ id: 1, event: "upload", credit: 0 }, "a"]);
    raw.receive(STREAM_ITEM, [1, "a"]);
    raw.receive(STREAM_ITEM, [1, "b"]);
    raw.receive(STREAM_ITEM, [1, "c"]);
    expect(server.endpoint.size).toBe(0);
    const end = server.sent.find((frame) => frame.event === "contract:end");
    expect(end?.args).toEqual([
      1,
      { ok: false, error: { code: "INVALID_PAYLOAD", message: "An item arrived beyond the credit granted." } },
    ]);
    // Late frames for the ended stream are dropped quietly; a reused id is refused.
    const reports = server.reports.length;
    raw.receive(STREAM_ITEM, [1, "d"]);
    expect(server.reports.length).toBe(reports);
    raw.receive(STREAM_OPEN, [{ id: 1, event: "upload", credit: 0 }, "a"]);
    expect(server.sent.at(-1)?.args[1]).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
    raw.receive(STREAM_OPEN, [{ id: 3, event: "nope", credit: 0 }]);
    expect(server.sent.at(-1)?.args).toEqual([
      3,
      { ok: false, error: { code: "UNKNOWN_EVENT", message: "The event is not part of the contract." } },
    ]);
    expect(client.endpoint.size).toBe(0);
  });

  it("streamOf() options: its window is the credit granted, maxItems is checked where items are sent and where they arrive", async () => {
    const { client, server } = streamPair(events, { window: 16 });
    server.handlers.set("capped", async (numbers: AsyncIterable<number>) => {
      let total = 0;
      for await (const n of numbers) total += n;
      return total;
    });
    await expect(client.endpoint.request("capped", [[1, 2, 3]]).ack).resolves.toBe(6);
    expect(server.sent.find((frame) => frame.event === STREAM_CREDIT)?.args).toEqual([1, 2]);
    // Four items: the sender refuses the fourth before sending it.
    await expect(client.endpoint.request("capped", [[1, 2, 3, 4]]).ack).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
      message: "The stream carries at most 3 items.",
    });
    expect(client.sent.filter((frame) => frame.event === STREAM_ITEM && frame.args[0] === 3)).toHaveLength(3);
  });

  it("a responder that stops reading an upload stops the requester's source (its finally runs); the ack still arrives", async () => {
    const { client, server } = streamPair(events, { window: 2 });
    let sourceClosed = false;
    server.handlers.set("upload", async (_name: string, chunks: AsyncIterable<string>) => {
      let text = "";
      for await (const chunk of chunks) {
        text += chunk;
        if (text.length >= 3) break;
      }
      return { received: text.length, text };
    });
    function* source() {
      try {
        for (;;) yield "a";
      } finally {
        sourceClosed = true;
      }
    }
    await expect(client.endpoint.request("upload", ["f", source()]).ack).resolves.toEqual({ received: 3, text: "aaa" });
    await until(() => sourceClosed);
    expect(client.errors).toEqual([]);
    expect(server.errors).toEqual([]);
  });

  it("a stream is read once; cancel() after the end changes nothing", async () => {
    const { client, server } = streamPair(events);
    server.handlers.set("count", async function* () {
      yield { n: 1 };
      return { total: 1 };
    });
    const stream = client.endpoint.request("count", [1]);
    expect(await collect(stream)).toEqual([{ n: 1 }]);
    expect(() => stream[Symbol.asyncIterator]()).toThrow("a stream can be read once");
    stream.cancel();
    await expect(stream.ack).resolves.toEqual({ total: 1 });
    expect(client.sent.map((frame) => frame.event)).not.toContain("contract:cancel");
  });
});
