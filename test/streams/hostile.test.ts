import { STREAM_CANCEL, STREAM_CREDIT, STREAM_END, STREAM_ITEM, STREAM_OPEN } from "@socket-contract/contract/internal";
import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { client, connected, next, rawAck, sleep, until } from "../support/util.js";
import { collect, startStreams } from "./support.js";

type Frame = { event: string; args: unknown[] };

/** A plain socket.io-client socket that records every frame the server sends it. */
async function hostile(url: string) {
  const raw = client(url, "/s");
  const frames: Frame[] = [];
  raw.onAny((event: string, ...args: unknown[]) => frames.push({ event, args }));
  await connected(raw);
  const ends = (id: number) => frames.filter((frame) => frame.event === STREAM_END && frame.args[0] === id);
  return { raw, frames, ends };
}

function open(raw: Socket, id: number, event: string, credit: number, ...args: unknown[]): void {
  raw.emit(STREAM_OPEN, { id, event, credit }, ...args);
}

describe("hostile stream frames from a raw Socket.IO client", () => {
  it("refuses frames for stream ids never opened, and malformed frames: contract:error at most once a second, onError for each", async () => {
    const { url, errors } = await startStreams();
    const { raw, frames } = await hostile(url);
    raw.emit(STREAM_ITEM, 99, "x");
    raw.emit(STREAM_CREDIT, 101, 4);
    raw.emit(STREAM_OPEN, { id: -1, event: "count" });
    raw.emit(STREAM_CANCEL, "nope");
    await until(() => errors.length === 4);
    expect(errors.map((error) => [error.event, error.code])).toEqual([
      ["contract:item", "INVALID_PAYLOAD"],
      ["contract:credit", "INVALID_PAYLOAD"],
      ["contract:open", "INVALID_PAYLOAD"],
      ["contract:cancel", "INVALID_PAYLOAD"],
    ]);
    expect(await rawAck(raw, "ping")).toEqual({ ok: true, data: "pong" });
    expect(
      frames.map((frame) => [
        frame.event,
        (frame.args[0] as { event: string }).event,
        (frame.args[0] as { code: string }).code,
      ]),
    ).toEqual([["contract:error", "contract:item", "INVALID_PAYLOAD"]]);
    await sleep(1_000);
    raw.emit(STREAM_ITEM, 99, "x");
    await until(() => frames.length === 2);
  });

  it("a frame other than an open sent with an ack callback is answered through it with INVALID_PAYLOAD, and does nothing", async () => {
    const { url, errors } = await startStreams();
    const { raw, frames } = await hostile(url);
    const refused = {
      ok: false,
      error: { code: "INVALID_PAYLOAD", message: "A stream frame carries no acknowledgement." },
    };
    expect(await rawAck(raw, STREAM_ITEM, 99, "x")).toEqual(refused);
    expect(await rawAck(raw, STREAM_CANCEL)).toEqual(refused);
    expect(errors.map((error) => [error.event, error.code])).toEqual([
      ["contract:item", "INVALID_PAYLOAD"],
      ["contract:cancel", "INVALID_PAYLOAD"],
    ]);
    // An open's ack callback is the responder's word that it read the open ({ ok: true }); the stream runs.
    expect(await rawAck(raw, STREAM_OPEN, { id: 1, event: "count", credit: 16 }, { n: 2 })).toEqual({ ok: true });
    await until(() => frames.some((frame) => frame.event === STREAM_END));
    expect(frames.map((frame) => frame.event)).toEqual([STREAM_ITEM, STREAM_ITEM, STREAM_END]);
  });

  it("an item beyond the credit granted closes that stream with INVALID_PAYLOAD", async () => {
    const { url } = await startStreams();
    const { raw, frames, ends } = await hostile(url);
    open(raw, 1, "hold", 0);
    await until(() => frames.some((frame) => frame.event === STREAM_CREDIT));
    expect(frames[0]).toEqual({ event: STREAM_CREDIT, args: [1, 16] });
    for (let i = 0; i < 17; i++) raw.emit(STREAM_ITEM, 1, `item ${i}`);
    await until(() => ends(1).length === 1);
    expect(ends(1)[0]!.args[1]).toEqual({
      ok: false,
      error: { code: "INVALID_PAYLOAD", message: "An item arrived beyond the credit granted." },
    });
  });

  it("frames after a stream's end are dropped: no answer, nothing reopened", async () => {
    const { url } = await startStreams();
    const { raw, frames, ends } = await hostile(url);
    open(raw, 1, "count", 16, { n: 2 });
    await until(() => ends(1).length === 1);
    expect(frames.map((frame) => frame.event)).toEqual([STREAM_ITEM, STREAM_ITEM, STREAM_END]);
    raw.emit(STREAM_ITEM, 1, "late");
    raw.emit(STREAM_CREDIT, 1, 16);
    raw.emit(STREAM_CANCEL, 1);
    expect(await rawAck(raw, "ping")).toEqual({ ok: true, data: "pong" });
    expect(frames).toHaveLength(3);
  });

  it("credit never granted: the handler is pulled for no more than the first credit, and others are unaffected", async () => {
    const { url, chat, seen } = await startStreams();
    const { raw, frames } = await hostile(url);
    open(raw, 1, "endless", 2, "fast");
    await until(() => frames.length === 2);
    await sleep(200);
    expect(frames.length).toBe(2);
    expect(seen.produced).toBeLessThanOrEqual(3);
    expect(await collect(chat.stream("count", { n: 100 }))).toHaveLength(100);
  });

  it("a thousand streams opened at once: 64 open, the rest get RATE_LIMITED, others are unaffected, and all close on disconnect", async () => {
    const { url, chat, seen } = await startStreams();
    const { raw, frames } = await hostile(url);
    for (let i = 0; i < 1_000; i++) open(raw, 2 * i + 1, "endless", 1, "fast");
    await until(() => frames.filter((frame) => frame.event === STREAM_END).length === 936, 10_000);
    const ends = frames.filter((frame) => frame.event === STREAM_END);
    expect(ends.every((frame) => (frame.args[1] as { error: { code: string } }).error.code === "RATE_LIMITED")).toBe(
      true,
    );
    expect(frames.filter((frame) => frame.event === STREAM_ITEM)).toHaveLength(64);
    expect(await collect(chat.stream("count", { n: 100 }))).toHaveLength(100);
    raw.disconnect();
    await until(() => seen.closed === 64);
  });

  it("an upload item its schema refuses ends the stream with INVALID_PAYLOAD and the issue's path", async () => {
    const { url } = await startStreams();
    const { raw, ends } = await hostile(url);
    open(raw, 1, "upload", 0, { name: "x" });
    raw.emit(STREAM_ITEM, 1, new Uint8Array(70_000));
    await until(() => ends(1).length === 1);
    expect(ends(1)[0]!.args[1]).toMatchObject({
      ok: false,
      error: {
        code: "INVALID_PAYLOAD",
        message: "A stream item does not match the contract.",
        issues: [{ path: [0], code: "too_big" }],
      },
    });
    const [report] = await Promise.race([next<[unknown]>(raw, "contract:error"), sleep(100).then(() => [undefined])]);
    expect(report).toBeUndefined();
  });
});
