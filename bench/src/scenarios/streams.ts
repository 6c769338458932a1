import { setTimeout as sleep } from "node:timers/promises";
import { type ScenarioReport, metric, relative } from "../report.js";
import { type Worker, startWorker } from "../rpc.js";
import type { Settings } from "../settings.js";
import { alternate } from "../stats.js";
import { CHUNK_BYTES, ROW_TEXT, STREAM_WINDOW } from "../stream-contract.js";

const VARIANTS = [
  { key: "plain", label: "hand-written on plain Socket.IO", short: "plain" },
  { key: "bound", label: "socket-contract stream", short: "contract" },
] as const;
type Variant = (typeof VARIANTS)[number]["key"];

/** Scenario 9: ~1 KB rows through a stream vs a hand-written ack-paced loop, both at window 16. */
export async function streamRows(server: Worker, client: Worker, settings: Settings): Promise<ScenarioReport> {
  const { rounds, rows } = settings.streams;
  await client.call("rows", { variant: "plain", n: Math.ceil(rows / 4) });
  await client.call("rows", { variant: "bound", n: Math.ceil(rows / 4) });
  const results = await alternate(["plain", "bound"] as Variant[], rounds, async (variant) => {
    const before = await server.call<number>("cpu");
    const run = await client.call<{ perSecond: number; count: number }>("rows", { variant, n: rows });
    const after = await server.call<number>("cpu");
    return { ...run, serverCpuUs: (after - before) / run.count };
  });
  const perSecond = metric(
    "rows read per second",
    "rows/s",
    "higher",
    pick(results, (r) => r.perSecond),
  );
  const cpu = metric(
    "server CPU per row",
    "µs",
    "lower",
    pick(results, (r) => r.serverCpuUs),
  );
  const ratio = relative(perSecond, "bound", "plain");
  return {
    id: "9",
    title: `Streams: ~1 KB rows from server to client, window ${STREAM_WINDOW}`,
    variants: VARIANTS,
    metrics: [perSecond, cpu],
    targets: [
      {
        description: "a stream at 0.9x a hand-written ack-paced loop or better",
        measured: `${ratio.toFixed(2)}x`,
        pass: ratio >= 0.9,
      },
    ],
    notes: [
      `${rows.toLocaleString("en-US")} rows per round, each checked to arrive once and in order; rows of ${ROW_TEXT.length} characters`,
      "hand-written: every row emitted with an ack, at most 16 unacknowledged; stream: every row validated on both sides, credit granted back 8 rows at a time",
    ],
    settings: { rounds, rows, window: STREAM_WINDOW },
  };
}

/** Scenario 10: an upload in 64 KiB chunks through streamOf(binary()) vs hand-written chunks with acks. */
export async function streamUpload(server: Worker, client: Worker, settings: Settings): Promise<ScenarioReport> {
  const { rounds, uploadBytes } = settings.streams;
  const results = await alternate(["plain", "bound"] as Variant[], rounds, (variant) =>
    client.call<{ mibPerSecond: number }>("upload", { variant, bytes: uploadBytes }, 300_000),
  );
  const throughput = metric(
    "upload throughput",
    "MiB/s",
    "higher",
    pick(results, (r) => r.mibPerSecond),
  );
  const ratio = relative(throughput, "bound", "plain");
  void server;
  return {
    id: "10",
    title: `Streams: a ${Math.round(uploadBytes / 2 ** 20)} MiB upload in ${CHUNK_BYTES / 1024} KiB chunks`,
    variants: VARIANTS,
    metrics: [throughput],
    targets: [
      {
        description: "streamOf(binary()) at 0.9x hand-written chunking with acks or better",
        measured: `${ratio.toFixed(2)}x`,
        pass: ratio >= 0.9,
      },
    ],
    notes: [
      "hand-written: every chunk emitted with an ack, at most 16 unacknowledged; stream: every chunk checked against binary({ maxBytes: 65_536 }) on both sides",
    ],
    settings: { rounds, uploadBytes, window: STREAM_WINDOW },
  };
}

/** Scenario 11: the server's heap per slow reader (one row a second) of a stream that has a million rows to give. */
export async function slowReaderHeap(settings: Settings): Promise<ScenarioReport> {
  const { rounds, slowReaders } = settings.streams;
  const results = await alternate(["plain", "bound"] as Variant[], rounds, (variant) =>
    measureSlowReaders(variant, slowReaders),
  );
  const perStream = metric(`heap per slow reader at ${slowReaders} readers`, "KiB", "lower", results);
  const budget = (STREAM_WINDOW * (ROW_TEXT.length + 24) + 64 * 1024) / 1024;
  const measured = perStream.medians.bound!;
  return {
    id: "11",
    title: `Streams: server heap with ${slowReaders} slow readers, window ${STREAM_WINDOW}`,
    variants: VARIANTS,
    metrics: [perStream],
    targets: [
      {
        description: `at most window × row size + 64 KiB per stream (${budget.toFixed(1)} KiB)`,
        measured: `${measured.toFixed(1)} KiB per stream`,
        pass: measured <= budget,
      },
    ],
    notes: [
      "heapUsed after forced full collections, with every reader connected and its stream open for two seconds, minus the same before any connection; so a connection's own cost is counted too",
    ],
    settings: { rounds, slowReaders, window: STREAM_WINDOW },
  };
}

async function measureSlowReaders(variant: Variant, count: number): Promise<number> {
  const server = startWorker("stream-server", ["--expose-gc"]);
  const client = startWorker("stream-client");
  try {
    const { url } = await server.call<{ url: string }>("listen");
    const before = await server.call<number>("heap");
    await client.call("slowReaders", { url, variant, count }, 120_000);
    await sleep(2_000);
    const after = await server.call<number>("heap");
    await client.call("closeSlowReaders");
    return (after - before) / count / 1024;
  } finally {
    await Promise.all([client.stop(), server.stop()]);
  }
}

function pick<TResult>(
  results: Record<Variant, TResult[]>,
  value: (result: TResult) => number,
): Record<Variant, number[]> {
  return { plain: results.plain.map(value), bound: results.bound.map(value) };
}
