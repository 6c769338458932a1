import { describe, expect, it } from "vitest";
import { answerServerStreams, collect, startStreams } from "./support.js";

/**
 * Under `connectionStateRecovery`, Socket.IO appends a recovery offset to every ack-less packet a
 * server sends, stream frames included. The client refused the server's `contract:open` for its
 * extra argument, so a stream the server opened failed with INVALID_PAYLOAD.
 */
describe("streams under connectionStateRecovery", () => {
  it("serves the streams either side opens, with no error on either side", async () => {
    const { chat, sockets, errors } = await startStreams({ server: { connectionStateRecovery: {} } });
    const clientErrors: unknown[] = [];
    chat.onError((e) => clientErrors.push([e.code, e.message]));
    const s = chat.stream("count", { n: 3 });
    expect(await collect(s)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    await expect(s.ack).resolves.toEqual({ total: 3 });
    expect(await collect(chat.stream("shout", ["a", "b"]))).toEqual(["A", "B"]);
    answerServerStreams(chat);
    const progress = sockets[0]!.stream("progress", 2);
    expect(await collect(progress)).toEqual([{ pct: 50 }, { pct: 100 }]);
    await expect(progress.ack).resolves.toBe("done");
    await expect(sockets[0]!.stream("sum", [1, 2, 3]).ack).resolves.toBe(6);
    expect(clientErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});
