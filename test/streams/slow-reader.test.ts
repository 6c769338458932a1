import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { sleep } from "../support/util.js";
import { startStreams } from "./support.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

it("a slow reader (10 items/s) of a 1,000,000-item stream keeps the heap flat: the server pulls only what was granted", {
  timeout: 40_000,
}, async () => {
  const { chat, seen } = await startStreams();
  const stream = chat.stream("rows", 1_000_000);
  let read = 0;
  let maxAhead = 0;
  let baseline = 0;
  const started = Date.now();
  for await (const row of stream) {
    expect(row.i).toBe(read);
    read++;
    maxAhead = Math.max(maxAhead, seen.produced - read);
    if (read === 20) baseline = heapAfterGc();
    if (Date.now() - started > 10_000) break;
    await sleep(100);
  }
  const after = heapAfterGc();
  expect(read).toBeGreaterThanOrEqual(50);
  // The server ran at most the window (16) plus the item its generator is paused on ahead of the reader.
  expect(maxAhead).toBeLessThanOrEqual(17);
  expect(seen.produced).toBeLessThan(read + 20);
  // Had the server pulled freely, a million rows of 1 KB would pile up in its buffers (about 1 GB).
  expect(after - baseline).toBeLessThan(1_000_000);
});
