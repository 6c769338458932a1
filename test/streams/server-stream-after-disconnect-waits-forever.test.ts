import { expect, it } from "vitest";
import { next } from "../support/util.js";
import { startStreams } from "./support.js";

it("a server's stream request on a socket that has disconnected fails with DISCONNECTED at once, as its emits do", {
  timeout: 10_000,
}, async () => {
  const { sockets, raw } = await startStreams();
  const socket = sockets[0]!;
  const gone = next(socket.raw, "disconnect");
  raw.disconnect();
  await gone;
  const started = performance.now();
  const stream = socket.stream("progress", 2);
  await expect(stream.ack).rejects.toMatchObject({ code: "DISCONNECTED", event: "progress", namespace: "/s" });
  await expect(socket.emit("hello")).rejects.toMatchObject({ code: "DISCONNECTED" });
  expect(performance.now() - started).toBeLessThan(1_000);
});
