import { describe, expect, it } from "vitest";
import { expectStreamsBothWays, startStreams } from "./support.js";

/**
 * socket.io-client's `retries` queues every emit with a callback and sends one at a time until it
 * is acknowledged. Stream frames went through that queue too: the server refuses a frame that
 * carries a callback, so the client retried each refused frame and no stream ever opened (the
 * test timed out).
 */
describe("streams on a client with socket.io-client's retries", () => {
  it("serves the streams either side opens, with no error on either side", async () => {
    const started = await startStreams({
      client: { retries: 3, ackTimeout: 1_000 },
      bind: { ackTimeout: 1_000 },
    });
    const clientErrors = await expectStreamsBothWays(started);
    // Events keep socket.io-client's retries: an ack-bearing call still works.
    await expect(started.chat.emit("ping")).resolves.toBe("pong");
    expect(clientErrors).toEqual([]);
    expect(started.errors).toEqual([]);
  }, 10_000);
});
