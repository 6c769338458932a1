import { describe, expect, it } from "vitest";
import { until } from "../support/util.js";
import { startStreams, type Transport } from "./support.js";

for (const transport of ["websocket", "polling"] as Transport[]) {
  describe(`cancelling a stream over ${transport}`, () => {
    it("a break out of for-await runs the server handler's finally within one round trip", async () => {
      const { chat, seen, errors } = await startStreams({ transport });
      const stream = chat.stream("endless", "fast");
      for await (const n of stream) if (n === 20) break;
      // The cancel frame left before this ping: by the time the pong is back, the finally has run.
      await expect(chat.emit("ping")).resolves.toBe("pong");
      expect(seen.closed).toBe(1);
      await expect(stream.ack).rejects.toMatchObject({ name: "AbortError" });
      expect(errors).toEqual([]);
    });

    it("an aborted signal cancels as well, and the loop throws the signal's reason", async () => {
      const { chat, seen } = await startStreams({ transport });
      const controller = new AbortController();
      const stream = chat.stream("endless", "slow", { signal: controller.signal });
      const failure = (async () => {
        for await (const n of stream) if (n === 5) controller.abort(new Error("user left"));
      })().catch((error: unknown) => error);
      expect(await failure).toMatchObject({ message: "user left" });
      await expect(chat.emit("ping")).resolves.toBe("pong");
      // The slow producer may be inside its own await when the cancel lands: its finally runs once
      // that await is over, not within the round trip (JavaScript cannot interrupt an await).
      await until(() => seen.closed === 1);
      expect(seen.closed).toBe(1);
    });

    it("the server cancels a stream it requested: the client handler's finally runs within one round trip", async () => {
      const { chat, sockets } = await startStreams({ transport });
      let closed = 0;
      chat.on("progress", async function* () {
        try {
          for (let pct = 0; ; pct++) yield { pct };
        } finally {
          closed++;
        }
      });
      chat.on("hello", () => "hi" as const);
      const socket = sockets[0]!;
      for await (const { pct } of socket.stream("progress", 1)) if (pct === 10) break;
      // The client reads the cancel frame before this request, so its answer comes after the finally.
      await expect(socket.emit("hello")).resolves.toBe("hi");
      expect(closed).toBe(1);
    });

    it("a disconnect ends every open stream on both sides with DISCONNECTED at once", async () => {
      const { chat, raw, seen } = await startStreams({ transport });
      const streams = [chat.stream("endless", "slow"), chat.stream("endless", "slow")];
      const failures = streams.map((stream) =>
        (async () => {
          for await (const _ of stream);
        })().catch((error: unknown) => error),
      );
      await until(() => seen.produced > 4);
      raw.disconnect();
      for (const failure of failures) expect(await failure).toMatchObject({ code: "DISCONNECTED" });
      for (const stream of streams) await expect(stream.ack).rejects.toMatchObject({ code: "DISCONNECTED" });
      await until(() => seen.closed === 2);
    });
  });
}
