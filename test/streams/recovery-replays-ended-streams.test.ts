import type { Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { next, sleep, until } from "../support/util.js";
import { collect, startStreams } from "./support.js";

/**
 * The network stops delivering the server's bytes, then the connection drops: what the server sent
 * meanwhile is lost, and Socket.IO's connectionStateRecovery stores it (stream frames included) to
 * send again once the client is back. Every stream of the old connection has ended by then
 * (`DISCONNECTED` on both sides), so a replayed frame belongs to no stream.
 */
async function dropUnread(raw: ClientSocket, whileUnread: () => void): Promise<void> {
  const transport = raw.io.engine.transport as unknown as {
    off(event: "packet"): void;
    ws: { _socket: { destroy(): void } };
  };
  transport.off("packet"); // what the server sends from now on never reaches the client
  whileUnread();
  await sleep(100);
  const disconnected = next<[string]>(raw, "disconnect");
  transport.ws._socket.destroy();
  expect((await disconnected)[0]).toBe("transport close");
}

describe("a recovered connection and the streams of the connection before it", () => {
  it("drops a replayed request of the server's instead of answering it, and serves the server's next stream", async () => {
    const { chat, raw, sockets, errors } = await startStreams({ server: { connectionStateRecovery: {} } });
    const clientErrors: unknown[] = [];
    chat.onError((error) => clientErrors.push([error.code, error.event, error.message]));
    const answered: number[] = [];
    chat.on("progress", async function* (steps) {
      answered.push(steps);
      for (let step = 1; step <= steps; step++) yield { pct: (100 * step) / steps };
      return "done" as const;
    });

    // A first stream, whole: its items and end are stored packets, so the client now holds a recovery offset.
    expect(await collect(chat.stream("count", { n: 1 }))).toEqual([{ i: 0 }]);
    let lost: ReturnType<(typeof sockets)[0]["stream"]> | undefined;
    await dropUnread(raw, () => {
      // A bound server's open carries an ack callback, which recovery never stores; a plain
      // server's open carries none, so it is stored and replayed.
      lost = sockets[0]!.stream("progress", 3);
      sockets[0]!.raw.emit("contract:open", { id: 4, event: "progress", credit: 16 }, 4);
    });
    await expect(lost!.ack).rejects.toMatchObject({ code: "DISCONNECTED" });

    const reconnected = next(raw, "connect");
    raw.connect();
    await reconnected;
    expect(raw.recovered).toBe(true);
    await until(() => sockets.length === 2);

    // The recovered socket's own stream, whose id the new connection counts afresh.
    const progress = sockets[1]!.stream("progress", 2);
    expect(await collect(progress)).toEqual([{ pct: 50 }, { pct: 100 }]);
    await expect(progress.ack).resolves.toBe("done");
    await sleep(100);
    expect([clientErrors, errors]).toEqual([[], []]);
    expect(answered).toEqual([2]); // neither lost request was answered to a server that forgot it
    expect(clientErrors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("drops replayed items of a stream the client requested, with no error on either side", async () => {
    const { chat, raw, sockets, errors } = await startStreams({ server: { connectionStateRecovery: {} } });
    const clientErrors: unknown[] = [];
    chat.onError((error) => clientErrors.push([error.code, error.event, error.message]));
    const endless = chat.stream("endless", "slow", { window: 4 });
    const read: number[] = [];
    const reading = (async () => {
      for await (const n of endless) read.push(n);
    })();
    await until(() => read.length >= 8);
    await dropUnread(raw, () => {});
    await expect(reading).rejects.toMatchObject({ code: "DISCONNECTED" });
    await expect(endless.ack).rejects.toMatchObject({ code: "DISCONNECTED" });

    const reconnected = next(raw, "connect");
    raw.connect();
    await reconnected;
    expect(raw.recovered).toBe(true);
    const count = chat.stream("count", { n: 3 });
    expect(await collect(count)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    await sleep(100);
    expect(sockets.length).toBe(2);
    expect(clientErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});
