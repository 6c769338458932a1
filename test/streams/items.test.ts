import { describe, expect, it } from "vitest";
import { answerServerStreams, collect, pattern, sha256, startStreams, type Transport } from "./support.js";

for (const transport of ["websocket", "polling"] as Transport[]) {
  describe(`streams over ${transport}`, () => {
    for (const window of [1, 16, 256]) {
      // At window 1 every item waits for a round trip (several HTTP requests over polling).
      const n = window === 1 ? 300 : 2_000;
      it(`delivers ${n} items once each, in order, then the ack, at window ${window}`, async () => {
        const { chat } = await startStreams({ transport });
        const stream = chat.stream("count", { n }, { window });
        const items = await collect(stream);
        expect(items).toHaveLength(n);
        expect(items.every((item, index) => item.i === index)).toBe(true);
        await expect(stream.ack).resolves.toEqual({ total: n });
      });
    }

    it("ends with the handler's declared error and its typed data, after the items before it", async () => {
      const { chat, errors } = await startStreams({ transport });
      const stream = chat.stream("count", { n: 10, failAt: 3 });
      const seen: number[] = [];
      const failure = await (async () => {
        for await (const item of stream) seen.push(item.i);
      })().catch((error: unknown) => error);
      expect(seen).toEqual([0, 1, 2]);
      expect(failure).toMatchObject({ code: "TOO_MANY", data: { limit: 3 }, event: "count" });
      await expect(stream.ack).rejects.toMatchObject({ code: "TOO_MANY" });
      expect(errors.map((error) => error.code)).toEqual(["TOO_MANY"]);
    });

    it("refuses an item the handler yields against the contract: INVALID_PAYLOAD on both ends, nothing of it sent", async () => {
      const { chat, errors } = await startStreams({ transport });
      const stream = chat.stream("count", { n: 10, badAt: 2 });
      const seen: number[] = [];
      const failure = await (async () => {
        for await (const item of stream) seen.push(item.i);
      })().catch((error: unknown) => error);
      expect(seen).toEqual([0, 1]);
      expect(failure).toMatchObject({
        code: "INVALID_PAYLOAD",
        message: "A stream item does not match the contract.",
        issues: [{ path: [2, "i"] }],
      });
      expect(errors.map((error) => error.code)).toEqual(["INVALID_PAYLOAD"]);
    });

    it("uploads binary past maxHttpBufferSize through streamOf(binary()), in 64 KiB chunks, byte for byte", async () => {
      const { chat } = await startStreams({ transport, maxHttpBufferSize: 100_000 });
      const chunks = Array.from({ length: 48 }, (_, index) => pattern(index * 65_536, 65_536));
      const stream = chat.stream("upload", { name: "big" }, chunks);
      await expect(stream.ack).resolves.toEqual({ bytes: 48 * 65_536, sha256: `big:${sha256(...chunks)}` });
    });

    it("uploads from a web ReadableStream and from an async generator", async () => {
      const { chat } = await startStreams({ transport });
      const parts = [pattern(0, 1_000), pattern(1_000, 5)];
      const readable = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      await expect(chat.stream("upload", { name: "r" }, readable).ack).resolves.toEqual({
        bytes: 1_005,
        sha256: `r:${sha256(...parts)}`,
      });
      async function* generate() {
        yield* parts;
      }
      await expect(chat.stream("upload", { name: "g" }, generate()).ack).resolves.toEqual({
        bytes: 1_005,
        sha256: `g:${sha256(...parts)}`,
      });
    });

    it("downloads binary items as Uint8Array, byte for byte", async () => {
      const { chat } = await startStreams({ transport });
      const stream = chat.stream("download", 300_000);
      const chunks = await collect(stream);
      expect(chunks.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
      expect(chunks.map((chunk) => chunk.byteLength).reduce((a, b) => a + b, 0)).toBe(300_000);
      expect(sha256(...chunks)).toBe(sha256(pattern(0, 300_000)));
      await expect(stream.ack).resolves.toEqual({ sha256: sha256(pattern(0, 300_000)) });
    });

    it("streams both ways at once on one event", async () => {
      const { chat } = await startStreams({ transport });
      expect(await collect(chat.stream("shout", ["a", "b", "c"]))).toEqual(["A", "B", "C"]);
    });

    it("lets the server request a stream from the client, and upload to it", async () => {
      const { sockets, chat } = await startStreams({ transport });
      answerServerStreams(chat);
      const bound = sockets[0]!;
      const progress = bound.stream("progress", 4);
      expect(await collect(progress)).toEqual([{ pct: 25 }, { pct: 50 }, { pct: 75 }, { pct: 100 }]);
      await expect(progress.ack).resolves.toBe("done");
      await expect(bound.stream("sum", [1, 2, 3, 4]).ack).resolves.toBe(10);
    });
  });
}
