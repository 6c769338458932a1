import { bindClient } from "@socket-contract/client";
import { STREAM_CREDIT, STREAM_END, STREAM_OPEN } from "@socket-contract/contract/internal";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, rawAck, until } from "../support/util.js";
import { startStreams } from "./support.js";

describe("stream options and misuse", () => {
  it("refuses bad streamWindow and maxStreams at bind time, naming the option", () => {
    expect(() => bindServer(streamContract, new Server(), { streamWindow: 0 })).toThrow(
      "bindServer: streamWindow must be a whole number from 1 to 65536",
    );
    expect(() => bindServer(streamContract, new Server(), { maxStreams: 1.5 })).toThrow(
      "bindServer: maxStreams must be a whole number of at least 1",
    );
    const socket = io("http://127.0.0.1:9/s", { autoConnect: false });
    expect(() => bindClient(streamContract, "/s", socket, { streamWindow: 70_000 })).toThrow(
      "bindClient: streamWindow must be a whole number from 1 to 65536",
    );
  });

  it("the server's streamWindow is the credit it grants for a client's upload", async () => {
    const { io: server, url } = await startStreamsWith({ streamWindow: 3 });
    void server;
    const raw = client(url, "/s");
    const frames: unknown[][] = [];
    raw.onAny((event: string, ...args: unknown[]) => frames.push([event, ...args]));
    await connected(raw);
    raw.emit(STREAM_OPEN, { id: 1, event: "upload", credit: 0 }, { name: "x" });
    await until(() => frames.length === 1);
    expect(frames[0]).toEqual([STREAM_CREDIT, 1, 3]);
  });

  it("maxStreams caps the streams one client may have open", async () => {
    const { url } = await startStreamsWith({ maxStreams: 2 });
    const raw = client(url, "/s");
    const ends: unknown[][] = [];
    raw.on(STREAM_END, (...args: unknown[]) => ends.push(args));
    await connected(raw);
    for (const id of [1, 3, 5]) raw.emit(STREAM_OPEN, { id, event: "endless", credit: 1 }, "slow");
    await until(() => ends.length === 1);
    expect(ends[0]).toMatchObject([
      5,
      { ok: false, error: { code: "RATE_LIMITED", message: "At most 2 streams may be open at once." } },
    ]);
  });

  it("emit() of a stream event throws, and a stream event sent as a plain event is refused with INVALID_PAYLOAD", async () => {
    const { chat, url } = await startStreams();
    expect(() => (chat.emit as (event: string, ...args: unknown[]) => unknown)("count", { n: 1 })).toThrow(
      '"count" streams: request it with stream(), not emit()',
    );
    const raw = client(url, "/s");
    await connected(raw);
    expect(await rawAck(raw, "count", { n: 1 })).toEqual({
      ok: false,
      error: { code: "INVALID_PAYLOAD", message: "This event streams: request it with contract:open." },
    });
  });
});

async function startStreamsWith(options: { streamWindow?: number; maxStreams?: number }) {
  const { startServer } = await import("../support/util.js");
  const { io, url } = await startServer();
  bindServer(streamContract, io, { ...options, onError: () => {}, rateLimit: false })
    .of("/s")
    .on("connection", (socket) => {
      socket.on("upload", async (_meta, chunks) => {
        for await (const _ of chunks);
        return { bytes: 0, sha256: "" };
      });
      socket.on("endless", async function* () {
        for (let i = 0; ; i++) yield i;
      });
    });
  return { io, url };
}
