import { describe, expect, it } from "vitest";
import { redisAvailable } from "../support/redis.js";
import { sleep, until } from "../support/util.js";
import { chatClient } from "./support/clients.js";
import { startNodes } from "./support/nodes.js";
import { patternBytes } from "./support/protocol.js";

const hasRedis = await redisAvailable();
const adapters = [...(hasRedis ? (["redis", "redis-streams"] as const) : []), "cluster"] as const;
const SIZE = 64 * 1024 + 3;

/**
 * "intact", or where the bytes first differ from the expected ones. Compared this way rather than
 * with toEqual, whose diff of two 64 KiB arrays would take minutes to print.
 */
function compareBytes(received: unknown, expected: Uint8Array): string {
  if (!(received instanceof Uint8Array)) return `not a Uint8Array: ${Object.prototype.toString.call(received)}`;
  if (received.byteLength !== expected.byteLength)
    return `${received.byteLength} bytes instead of ${expected.byteLength}`;
  const index = received.findIndex((byte, at) => byte !== expected[at]);
  return index === -1 ? "intact" : `byte ${index} differs`;
}

/** What a client received from the node that used `seed`, byte by byte. */
function checkFile(file: { name: string; bytes: Uint8Array; nested: { parts: Uint8Array[] } }, seed: number) {
  return {
    name: file.name,
    bytes: compareBytes(file.bytes, patternBytes(SIZE, seed)),
    parts: file.nested.parts.map((part, index) =>
      compareBytes(part, [patternBytes(3, seed + 1), patternBytes(0, 0), patternBytes(257, seed + 2)][index]!),
    ),
  };
}

describe.each(adapters)("binary payloads between node processes under the %s adapter", (adapter) => {
  it("reach clients on every node byte for byte, at any depth, as Uint8Array", async () => {
    const [a, b] = await startNodes(2, { adapter });
    const [ann, bob] = await Promise.all([
      chatClient(a!, { token: "ann", rooms: ["lobby"] }),
      chatClient(b!, { token: "bob", rooms: ["lobby"] }),
    ]);

    await a!.request({ cmd: "emitFile", to: ["lobby"], name: "from-a.bin", size: SIZE, seed: 1 });
    await b!.request({ cmd: "emitFile", name: "from-b.bin", size: SIZE, seed: 2 });
    await until(() => ann.files.length === 2 && bob.files.length === 2, 5_000);

    for (const client of [ann, bob]) {
      const files = [...client.files].sort((x, y) => x.name.localeCompare(y.name));
      expect([checkFile(files[0]!, 1), checkFile(files[1]!, 2)]).toEqual([
        { name: "from-a.bin", bytes: "intact", parts: ["intact", "intact", "intact"] },
        { name: "from-b.bin", bytes: "intact", parts: ["intact", "intact", "intact"] },
      ]);
      expect(client.errors).toEqual([]);
    }
  });
});

describe("binary payloads under the cluster adapter with the cluster's default JSON serialization", () => {
  it('arrive on the other node as plain objects, which its clients refuse: the cluster needs serialization: "advanced"', async () => {
    const [a, b] = await startNodes(2, { adapter: "cluster", serialization: "json" });
    const [ann, bob] = await Promise.all([
      chatClient(a!, { token: "ann", rooms: ["lobby"] }),
      chatClient(b!, { token: "bob", rooms: ["lobby"] }),
    ]);

    await a!.request({ cmd: "emitFile", to: ["lobby"], name: "from-a.bin", size: 1024, seed: 1 });
    await until(() => ann.files.length === 1 && bob.errors.length === 1, 5_000);
    await sleep(100);

    // The emitting node's own client is served in-process and gets the bytes.
    expect(compareBytes(ann.files[0]!.bytes, patternBytes(1024, 1))).toBe("intact");
    // IPC turned the bytes into JSON on the way: the client runtime refuses the event rather than
    // hand its handler an object where the contract promises bytes...
    expect(bob.files).toEqual([]);
    expect(bob.errors).toEqual([expect.objectContaining({ code: "INVALID_PAYLOAD", event: "file:ready" })]);
    // ...and tells the server that sent it, whose onError sees the refusal.
    await until(() => b!.errors.length === 1, 5_000);
    expect(b!.errors).toEqual([
      expect.objectContaining({ code: "INVALID_PAYLOAD", event: "file:ready", socketId: bob.bound.socket.id }),
    ]);
  });
});
