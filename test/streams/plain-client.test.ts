import { STREAM_CREDIT, STREAM_END, STREAM_ITEM, STREAM_OPEN } from "@socket-contract/contract/internal";
import { expect, it } from "vitest";
import { client, connected, until } from "../support/util.js";
import { startStreams } from "./support.js";

// The README's "What happens on the wire": a plain socket.io-client, no socket-contract package,
// reads a stream with the documented frames alone.
it("a plain Socket.IO client reads a stream with the documented frames", async () => {
  const { url } = await startStreams({ transport: "polling" });
  const socket = client(url, "/s", { transports: ["polling"] });
  await connected(socket);
  const rows: unknown[] = [];
  let ended: unknown;
  socket.on(STREAM_ITEM, (id: number, row: unknown) => {
    rows.push(row);
    socket.emit(STREAM_CREDIT, id, 1);
  });
  socket.on(STREAM_END, (_id: number, envelope: unknown) => (ended = envelope));
  socket.emit(STREAM_OPEN, { id: 1, event: "count", credit: 16 }, { n: 50 });
  await until(() => ended !== undefined);
  expect(rows).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
  expect(ended).toEqual({ ok: true, data: { total: 50 } });
});
