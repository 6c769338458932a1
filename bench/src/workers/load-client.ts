// The client of scenarios 1, 1b, 2 and 4: one connection per variant, driven by the coordinator.
import { type BoundClient, bindClient } from "@socket-contract/client";
import { type Socket, io } from "socket.io-client";
import { benchContract } from "../contract.js";
import { libraryBench } from "../library-contracts.js";
import { UPLOAD_BYTES, makeOrder } from "../payloads.js";
import { serve } from "../rpc.js";
import { percentile } from "../stats.js";

/**
 * The clock of the measuring loops: `performance.now()` in ns. `process.hrtime.bigint()` allocates a
 * BigInt per reading, and the measurement must not add garbage to the variants it measures.
 */
const nowNs = (): number => performance.now() * 1e6;
/** Every latency of a run, in one buffer for the process: a fresh 16 MB array per run measurably changed GC for the variants. */
const latencyBuffer = new Float64Array(1_000_000);

type Variant = "plain" | "hand" | "bound" | "valibot" | "arktype";

// Every emit sends a payload built for it, as an app does (reusing a few objects would keep them
// in the CPU's caches, which flatters whichever variant sends them as they are).
const bytes = Buffer.alloc(UPLOAD_BYTES, 7);
const sockets = new Map<Variant, Socket>();
let client: BoundClient<typeof benchContract, "/bound"> | undefined;
/** Scenario 1b's clients, whose contract validates with Valibot and with ArkType. */
let libraryClients:
  | { valibot: BoundClient<typeof libraryBench, "/valibot">; arktype: BoundClient<typeof libraryBench, "/arktype"> }
  | undefined;

function socketOf(variant: Variant): Socket {
  const socket = sockets.get(variant);
  if (socket === undefined) throw new Error(`not connected: ${variant}`);
  return socket;
}

async function connect(input: { url: string }): Promise<void> {
  for (const variant of ["plain", "hand", "bound", "valibot", "arktype"] as const) {
    const socket = io(`${input.url}/${variant}`, { forceNew: true, reconnection: false, transports: ["websocket"] });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    sockets.set(variant, socket);
  }
  client = bindClient(benchContract, "/bound", socketOf("bound"), { ackTimeout: 30_000 });
  libraryClients = {
    valibot: bindClient(libraryBench, "/valibot", socketOf("valibot"), { ackTimeout: 30_000 }),
    arktype: bindClient(libraryBench, "/arktype", socketOf("arktype"), { ackTimeout: 30_000 }),
  };
}

type Send = (index: number, done: () => void) => void;

/** Keeps `inFlight` requests outstanding until `durationMs` is over; the latency of each, from send to answer. */
function closedLoop(
  send: Send,
  inFlight: number,
  durationMs: number,
  latencies: Float64Array | undefined,
): Promise<{ count: number; elapsedNs: number }> {
  return new Promise((resolve) => {
    const start = nowNs();
    const end = start + durationMs * 1e6;
    let count = 0;
    let active = inFlight;
    let index = 0;
    const slot = (): void => {
      const sentAt = nowNs();
      send(index++, () => {
        const now = nowNs();
        if (latencies !== undefined && count < latencies.length) latencies[count] = now - sentAt;
        count++;
        if (now < end) slot();
        else if (--active === 0) resolve({ count, elapsedNs: now - start });
      });
    };
    for (let i = 0; i < inFlight; i++) slot();
  });
}

function fail(error: unknown): never {
  console.error("[bench client]", error);
  process.exit(1);
}

function acked(variant: Variant): Send {
  if (variant === "bound") return (index, done) => client!.emit("order:place", makeOrder(index)).then(done, fail);
  if (variant === "valibot")
    return (index, done) => libraryClients!.valibot.emit("order:place", makeOrder(index)).then(done, fail);
  if (variant === "arktype")
    return (index, done) => libraryClients!.arktype.emit("order:place", makeOrder(index)).then(done, fail);
  const socket = socketOf(variant);
  return (index, done) => socket.emit("order:place", makeOrder(index), done);
}

function uploads(variant: Variant): Send {
  if (variant === "bound")
    return (index, done) => client!.emit("file:upload", { name: `blob-${index}.bin`, bytes }).then(done, fail);
  const socket = socketOf(variant);
  return (index, done) => socket.emit("file:upload", { name: `blob-${index}.bin`, bytes }, done);
}

type Measured<T> = T & { cpuUs: number };

/** Runs `work` and adds the CPU time this process spent meanwhile (user + system), in microseconds. */
async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const before = process.cpuUsage();
  const result = await work();
  const cpu = process.cpuUsage(before);
  return { ...result, cpuUs: cpu.user + cpu.system };
}

function closedLoopScenario(
  send: Send,
  input: { inFlight: number; durationMs: number },
): Promise<Measured<{ perSecond: number; p50Ns: number; p99Ns: number; count: number }>> {
  return measured(async () => {
    const { count, elapsedNs } = await closedLoop(send, input.inFlight, input.durationMs, latencyBuffer);
    const recorded = latencyBuffer.subarray(0, Math.min(count, latencyBuffer.length));
    return {
      perSecond: (count / elapsedNs) * 1e9,
      p50Ns: percentile(recorded, 50),
      p99Ns: percentile(recorded, 99),
      count,
    };
  });
}

/** Ack-less events in batches of `batch`, each followed by an acked `bench:sync` that tells how many the handlers saw; at most `window` batches outstanding. */
function ackless(
  variant: Variant,
  input: { durationMs: number; batch: number; window: number },
): Promise<{ perSecond: number; sent: number; handled: number }> {
  const socket = socketOf(variant);
  const emit =
    variant === "bound"
      ? (order: unknown) => client!.emit("order:track", order as never)
      : (order: unknown) => socket.emit("order:track", order);
  const sync =
    variant === "bound"
      ? (done: (count: number) => void) => client!.emit("bench:sync").then(done, fail)
      : (done: (count: number) => void) => socket.emit("bench:sync", done);
  return new Promise((resolve) => {
    let handledAtStart: number | undefined;
    let start = 0;
    let end = 0;
    let sent = 0;
    let outstanding = 0;
    let index = 0;
    const pump = (): void => {
      while (outstanding < input.window && nowNs() < end) {
        for (let i = 0; i < input.batch; i++) emit(makeOrder(index++));
        sent += input.batch;
        outstanding++;
        sync((handled) => {
          outstanding--;
          if (outstanding === 0 && nowNs() >= end) {
            resolve({
              perSecond: ((handled - handledAtStart!) / (nowNs() - start)) * 1e9,
              sent,
              handled: handled - handledAtStart!,
            });
          } else pump();
        });
      }
    };
    sync((handled) => {
      handledAtStart = handled;
      start = nowNs();
      end = start + input.durationMs * 1e6;
      pump();
    });
  });
}

// Each command runs for `durationMs`; the coordinator runs a short one first as a warm-up, and
// reads the server's CPU time around the measured one.
serve({
  connect,
  acked: (input: { variant: Variant; inFlight: number; durationMs: number }) =>
    closedLoopScenario(acked(input.variant), input),
  upload: (input: { variant: Variant; inFlight: number; durationMs: number }) =>
    closedLoopScenario(uploads(input.variant), input),
  ackless: (input: { variant: Variant; durationMs: number; batch: number; window: number }) =>
    measured(() => ackless(input.variant, input)),
});
