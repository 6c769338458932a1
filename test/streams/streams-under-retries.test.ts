import { describe, expect, it } from "vitest";
import { answerServerStreams, collect, startStreams } from "./support.js";

/**
 * socket.io-client's `retries` queues every emit with a callback and sends one at a time until it
 * is acknowledged. Stream frames went through that queue too: the server refuses a frame that
 * carries a callback, so the client retried each refused frame and no stream ever opened (the
 * test timed out).
 */
describe("streams on a client with socket.io-client's retries", () => {
  it("serves the streams either side opens, with no error on either side", async () => {
    const { chat, sockets, errors } = await startStreams({
      client: { retries: 3, ackTimeout: 1_000 },
      bind: { ackTimeout: 1_000 },
    });
    const clientErrors: unknown[] = [];
    chat.onError((error) => clientErrors.push([error.code, error.message]));
    const count = chat.stream("count", { n: 3 });
    expect(await collect(count)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    await expect(count.ack).resolves.toEqual({ total: 3 });
    expect(await collect(chat.stream("shout", ["a", "b"]))).toEqual(["A", "B"]);
    answerServerStreams(chat);
    const progress = sockets[0]!.stream("progress", 2);
    expect(await collect(progress)).toEqual([{ pct: 50 }, { pct: 100 }]);
    await expect(progress.ack).resolves.toBe("done");
    await expect(sockets[0]!.stream("sum", [1, 2, 3]).ack).resolves.toBe(6);
    // Events keep socket.io-client's retries: an ack-bearing call still works.
    await expect(chat.emit("ping")).resolves.toBe("pong");
    expect(clientErrors).toEqual([]);
    expect(errors).toEqual([]);
  }, 10_000);
});
