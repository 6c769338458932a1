import { createHash } from "node:crypto";
import { FILE_CHUNK_BYTES } from "@chat-example/contract";
import { describe, expect, it } from "vitest";
import { connectAs, startApp } from "./support.js";

// `file:stream` as any client sees it: the file arrives whole with its hash, or not at all.

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** `bytes` in chunks of the contract's largest size. */
function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += FILE_CHUNK_BYTES) yield bytes.subarray(at, at + FILE_CHUNK_BYTES);
}

describe("file:stream", () => {
  it("stores a file past Socket.IO's one-packet limit and answers with its id, size and sha256", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await ada.roomJoin("general");
    const bytes = new Uint8Array(3_000_000).map((_, index) => index % 251);
    const message = await ada.fileStream(
      { room: "general", name: "data.bin", type: "", size: bytes.byteLength },
      chunks(bytes),
    ).ack;
    expect(message.attachment).toMatchObject({ name: "data.bin", size: bytes.byteLength, sha256: sha256(bytes) });
    expect(message.attachment!.url).toBe(`/uploads/${message.attachment!.id}/data.bin`);
    const served = new Uint8Array(await (await fetch(new URL(message.attachment!.url, app.url))).arrayBuffer());
    expect(sha256(served)).toBe(sha256(bytes));
    expect(app.uploads.size).toBe(0);
  });

  it("refuses a file whose chunks do not add up to its size, and keeps nothing", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await ada.roomJoin("general");
    const bytes = new Uint8Array(200_000).fill(7);
    const short = ada.fileStream({ room: "general", name: "short.bin", type: "", size: 300_000 }, chunks(bytes)).ack;
    await expect(short).rejects.toMatchObject({ code: "SIZE_MISMATCH", data: { size: 300_000, received: 200_000 } });
    const long = ada.fileStream({ room: "general", name: "long.bin", type: "", size: 100_000 }, chunks(bytes)).ack;
    await expect(long).rejects.toMatchObject({ code: "SIZE_MISMATCH", data: { size: 100_000, received: 131_072 } });
    expect(app.uploads.size).toBe(0);
    const { history } = await ada.roomJoin("general");
    expect(history.filter((message) => message.attachment !== undefined)).toEqual([]);
  });

  it("answers NOT_IN_ROOM before reading a chunk", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    let pulled = 0;
    const source = (function* () {
      for (;;) {
        pulled += 1;
        yield new Uint8Array(FILE_CHUNK_BYTES);
      }
    })();
    const upload = ada.fileStream({ room: "general", name: "x.bin", type: "", size: 10_000_000 }, source).ack;
    await expect(upload).rejects.toMatchObject({ code: "NOT_IN_ROOM", data: { room: "general" } });
    // At most the first window of credit was pulled; the handler read none of it.
    expect(pulled).toBeLessThanOrEqual(17);
  });
});
