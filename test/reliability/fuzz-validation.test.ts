import { bindServer } from "@socket-contract/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { client, connected, onCleanup, startServer } from "../support/util.js";
import { answerOf, fuzzContract } from "./fixtures/fuzz-contract.js";
import { type Labelled, call } from "./support/fuzz-arbitraries.js";
import { settledHeap } from "./support/heap.js";
import { comparable, expectedOf } from "./support/oracle.js";

/** 10,000 in CI; FUZZ_RUNS=100000 for a longer hunt, FUZZ_SEED to replay a failure. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const EVENTS = Object.keys(fuzzContract.namespaces["/fuzz"].clientToServer);
/** What the heap may keep after every run is over: far below what leaking one object per run would keep. */
const HEAP_SLACK = 8 * 1024 * 1024;

/**
 * A raw socket.io-client (no runtime, so nothing is checked before sending) sends generated valid,
 * invalid and random calls to every event of a rich contract. The server runs in this process, so
 * the test sees exactly what each handler was called with.
 */
describe("fuzzing the validation boundary over a real socket", () => {
  it(`holds for ${RUNS} generated calls: a handler runs if and only if its input is valid, every call is answered, nothing leaks`, {
    timeout: 300_000,
  }, async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    onCleanup(() => process.off("unhandledRejection", onUnhandled));

    // Huge strings are part of the input, so the buffer is raised; oversized packets have their own test.
    const { io, url } = await startServer({ transports: ["websocket"], maxHttpBufferSize: 10_000_000 });
    const reported = new Map<string, number>();
    // No rate limit: one socket sends thousands of events a second here, on purpose.
    const server = bindServer(fuzzContract, io, {
      rateLimit: false,
      maxInFlight: false,
      onError: (error) => reported.set(error.code, (reported.get(error.code) ?? 0) + 1),
    });
    const calls: { event: string; args: unknown[] }[] = [];
    server.of("/fuzz").on("connection", (socket) => {
      for (const event of EVENTS) {
        socket.on(
          event as "sync",
          ((...args: unknown[]) => {
            if (event !== "sync") calls.push({ event, args });
            return answerOf(event, args);
          }) as never,
        );
      }
    });
    const raw = client(url, "/fuzz");
    await connected(raw);
    const reports: { event: string; code: string; message: string; issues?: unknown[] }[] = [];
    raw.on("contract:error", (report) => reports.push(report));
    const counts = { valid: 0, invalid: 0, random: 0, handled: 0, refused: 0 };
    // An unknown event without callback is reported once per name on a connection, for at most 64
    // names (unknown-event-flood-reported-once.test.ts); this one connection lives through the test.
    const toldUnknown = new Set<string>();
    const tellsOfUnknown = (event: string): boolean => {
      if (toldUnknown.has(event) || toldUnknown.size >= 64) return false;
      toldUnknown.add(event);
      return true;
    };

    async function check(generated: Labelled): Promise<void> {
      calls.length = 0;
      reports.length = 0;
      const expected = expectedOf(generated);
      // The oracle agrees with how each case was built, so it is not merely echoing the runtime.
      if (generated.label !== "random")
        expect(expected.handled, `${generated.label} case judged otherwise`).toBe(generated.label === "valid");
      let envelope: any;
      if (generated.callback) envelope = await raw.timeout(20_000).emitWithAck(generated.event, ...generated.args);
      else raw.emit(generated.event, ...generated.args);
      // Events of one socket are received in order, so once the barrier is answered, every answer to the call has arrived.
      expect(await raw.timeout(20_000).emitWithAck("sync")).toEqual({ ok: true, data: true });
      counts[generated.label]++;
      if (expected.handled) {
        counts.handled++;
        expect(comparable(calls)).toEqual(comparable([{ event: generated.event, args: expected.args }]));
        if (generated.callback) expect(envelope).toEqual({ ok: true, data: expected.ack });
        expect(reports).toEqual([]);
        return;
      }
      counts.refused++;
      expect(calls).toEqual([]);
      const error = generated.callback ? envelope?.error : reports[0];
      if (generated.callback) {
        expect(envelope).toMatchObject({ ok: false, error: { code: expected.code } });
        expect(reports).toEqual([]);
      } else if (expected.code === "UNKNOWN_EVENT" && !tellsOfUnknown(generated.event.slice(0, 200))) {
        expect(reports).toEqual([]);
        return;
      } else {
        expect(reports).toHaveLength(1);
        expect(reports[0]).toMatchObject({ event: generated.event.slice(0, 200), code: expected.code });
      }
      expect(typeof error.message).toBe("string");
      expect(Object.keys(error).every((key) => ["event", "code", "message", "issues"].includes(key))).toBe(true);
      expect((error.issues ?? []).length).toBeLessThanOrEqual(20);
    }

    const property = fc.asyncProperty(call, check);
    // A first round warms every code path up, so the heap measured next is the steady state.
    await fc.assert(property, { numRuns: 300, seed: 1 });
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = 0;
    reported.clear();
    const baseline = await settledHeap();
    const started = performance.now();
    await fc.assert(property, { numRuns: RUNS, seed: SEED });
    const seconds = (performance.now() - started) / 1_000;
    const grown = (await settledHeap()) - baseline;

    console.info(
      `[fuzz] ${RUNS} runs in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}; refusals ${JSON.stringify(Object.fromEntries(reported))}; heap ${(grown / 1024 / 1024).toFixed(2)} MiB over baseline`,
    );
    expect(counts.valid + counts.invalid + counts.random).toBeGreaterThanOrEqual(RUNS);
    expect(counts.handled).toBeGreaterThan(RUNS / 4);
    expect(counts.refused).toBeGreaterThan(RUNS / 4);
    // Only refusals of client input: no handler failure, no refused ack, nothing the runtime itself got wrong.
    expect([...reported.keys()].sort()).toEqual(["INVALID_PAYLOAD", "MISSING_ACK", "UNKNOWN_EVENT"]);
    expect(unhandled).toEqual([]);
    expect(grown).toBeLessThan(HEAP_SLACK);

    // The server is still up and serves a newcomer.
    const newcomer = client(url, "/fuzz");
    await connected(newcomer);
    expect(await newcomer.timeout(2_000).emitWithAck("tuple:echo", ["a", 1, true])).toEqual({
      ok: true,
      data: "a|1|true",
    });
  });
});
