import { type BindServerOptions, bindServer } from "@socket-contract/server";
import type { Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { client, connected, next, sleep, startServer } from "../support/util.js";
import { reliabilityContract } from "./fixtures/reliability-contract.js";

/** A server whose `work` handler waits `delayMs` and whose handlers count what they ran, per client. */
async function start(options: BindServerOptions) {
  const { io, url } = await startServer({ transports: ["websocket"] });
  const refusals: { code: string; message: string; socketId?: string }[] = [];
  const server = bindServer(reliabilityContract, io, {
    ...options,
    onError: (error, context) =>
      refusals.push({ code: error.code, message: error.message, socketId: context.socketId }),
  });
  const ran = new Map<string, number>();
  const count = (id: string) => ran.set(id, (ran.get(id) ?? 0) + 1);
  server.of("/work").on("connection", (socket) => {
    socket.on("work", async ({ id, seq, delayMs }) => {
      count(socket.id);
      if (delayMs) await sleep(delayMs);
      return { id, seq };
    });
    socket.on("note", () => void count(socket.id));
  });
  const connect = async () => {
    const socket = client(url, "/work");
    await connected(socket);
    return socket;
  };
  return { connect, refusals, ran };
}

/** Sends `count` acked events at once and sorts the answers by outcome. */
async function burst(socket: ClientSocket, count: number, delayMs = 0) {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: count }, (_, seq) => socket.timeout(10_000).emitWithAck("work", { id: "w", seq, delayMs })),
  );
  const seconds = (performance.now() - started) / 1_000;
  const ok = answers.filter((answer) => answer.ok === true);
  const limited = answers.filter((answer) => answer.ok === false && answer.error.code === "RATE_LIMITED");
  expect(ok.length + limited.length).toBe(count);
  return { ok, limited, seconds };
}

/** The most a token bucket can admit in `seconds`: what it holds, and what refills meanwhile. */
const admissible = (burst: number, perSecond: number, seconds: number) => Math.floor(burst + perSecond * seconds) + 1;

describe("per-socket limits", () => {
  it("throttles a flooding client with RATE_LIMITED while another client is served in full", async () => {
    const { connect, refusals, ran } = await start({ rateLimit: { eventsPerSecond: 50, burst: 20 } });
    const flooder = await connect();
    const polite = await connect();
    const flood = burst(flooder, 300);
    const served: unknown[] = [];
    for (let seq = 0; seq < 10; seq++) served.push(await polite.timeout(2_000).emitWithAck("work", { id: "p", seq }));
    const { ok, limited, seconds } = await flood;
    expect(served).toEqual(Array.from({ length: 10 }, (_, seq) => ({ ok: true, data: { id: "p", seq } })));
    // The burst, and what refilled while the flood was arriving (50 a second).
    expect(ok.length).toBeGreaterThanOrEqual(20);
    expect(ok.length).toBeLessThanOrEqual(admissible(20, 50, seconds));
    expect(limited.length).toBeGreaterThan(200);
    expect(limited[0]).toEqual({
      ok: false,
      error: { code: "RATE_LIMITED", message: "Too many events from this connection; slow down." },
    });
    expect(ran.get(flooder.id!)).toBe(ok.length);
    expect(refusals.filter((r) => r.code === "RATE_LIMITED" && r.socketId === flooder.id)).toHaveLength(limited.length);
    expect(refusals.filter((r) => r.socketId === polite.id)).toEqual([]);
    // Tokens come back with time: after a quiet half second, the flooder is served again.
    await sleep(500);
    expect((await burst(flooder, 10)).ok).toHaveLength(10);
  });

  it("refuses ack-less events over the rate without running them, telling the sender once a second, not once per event", async () => {
    const { connect, refusals, ran } = await start({ rateLimit: { eventsPerSecond: 10, burst: 5 } });
    const flooder = await connect();
    const reports: unknown[] = [];
    flooder.on("contract:error", (report) => reports.push(report));
    const started = performance.now();
    for (let index = 0; index < 200; index++) flooder.emit("note", { id: `${index}` });
    // A barrier: once this is answered, the server has received every note before it.
    expect((await flooder.timeout(5_000).emitWithAck("work", { id: "barrier", seq: 0 })).error.code).toBe(
      "RATE_LIMITED",
    );
    const seconds = (performance.now() - started) / 1_000;
    expect(reports).toEqual([
      { event: "note", code: "RATE_LIMITED", message: "Too many events from this connection; slow down." },
    ]);
    expect(ran.get(flooder.id!)).toBeGreaterThanOrEqual(5);
    expect(ran.get(flooder.id!)).toBeLessThanOrEqual(admissible(5, 10, seconds));
    expect(refusals.filter((r) => r.code === "RATE_LIMITED")).toHaveLength(201 - ran.get(flooder.id!)!);
  });

  it("caps the handlers of one socket running at once, and frees the slots as they finish", async () => {
    const { connect, ran } = await start({ rateLimit: false, maxInFlight: 5 });
    const busy = await connect();
    const other = await connect();
    const slow = burst(busy, 8, 300);
    // Another socket has slots of its own.
    expect((await burst(other, 5, 10)).ok).toHaveLength(5);
    const { ok, limited } = await slow;
    expect(ok).toHaveLength(5);
    expect(limited).toHaveLength(3);
    expect(limited[0].error.message).toBe(
      "Too many events of this connection are being handled at once; try again when some are answered.",
    );
    expect(ran.get(busy.id!)).toBe(5);
    expect((await burst(busy, 5, 10)).ok).toHaveLength(5);
  });

  it("counts a handler that throws or rejects as finished", async () => {
    const { io, url } = await startServer({ transports: ["websocket"] });
    const server = bindServer(reliabilityContract, io, { maxInFlight: 1, onError: () => {} });
    server.of("/work").on("connection", (socket) => {
      socket.on("work", async ({ seq }) => {
        if (seq === 0) throw new Error("boom");
        return { id: "w", seq };
      });
      socket.on("note", () => {
        throw new Error("sync boom");
      });
    });
    const socket = client(url, "/work");
    await connected(socket);
    expect((await socket.timeout(2_000).emitWithAck("work", { id: "w", seq: 0 })).error.code).toBe("HANDLER_ERROR");
    socket.emit("note", { id: "n" });
    expect((await next<[{ code: string }]>(socket, "contract:error"))[0].code).toBe("HANDLER_ERROR");
    expect(await socket.timeout(2_000).emitWithAck("work", { id: "w", seq: 1 })).toEqual({
      ok: true,
      data: { id: "w", seq: 1 },
    });
  });

  it("has defaults that let 1,000 events arrive at once, refuse past 100 a second after that, and let 1,000 handlers run at once", async () => {
    const { connect, refusals } = await start({ maxInFlight: false });
    const fast = await connect();
    const { ok, limited, seconds } = await burst(fast, 1_200);
    expect(ok.length).toBeGreaterThanOrEqual(1_000);
    expect(ok.length).toBeLessThanOrEqual(admissible(1_000, 100, seconds));
    expect(limited.length).toBe(1_200 - ok.length);
    expect(refusals.filter((refusal) => refusal.code === "RATE_LIMITED" && refusal.socketId === fast.id)).toHaveLength(
      limited.length,
    );
    // The cap on running handlers alone: 1,010 slow handlers at once, 1,000 run.
    const capped = await start({ rateLimit: false });
    const slow = await burst(await capped.connect(), 1_010, 1_000);
    expect(slow.ok).toHaveLength(1_000);
    expect(slow.limited).toHaveLength(10);
    expect(capped.refusals.at(-1)?.message).toBe(
      "Too many events of this connection are being handled at once; try again when some are answered.",
    );
  });

  it("turns both limits off with false", async () => {
    const { connect } = await start({ rateLimit: false, maxInFlight: false });
    const socket = await connect();
    expect((await burst(socket, 1_000, 20)).ok).toHaveLength(1_000);
  });

  it("still removes a handler by reference when limits wrap it", async () => {
    const { io, url } = await startServer({ transports: ["websocket"] });
    const server = bindServer(reliabilityContract, io, { maxInFlight: 10 });
    const seen: string[] = [];
    server.of("/work").on("connection", (socket) => {
      const first = ({ id }: { id: string }) => void seen.push(`first:${id}`);
      socket.on("note", first);
      socket.on("note", ({ id }) => void seen.push(`second:${id}`));
      socket.off("note", first);
    });
    const socket = client(url, "/work");
    await connected(socket);
    expect(await socket.timeout(2_000).emitWithAck("note", { id: "n" })).toEqual({ ok: true });
    expect(seen).toEqual(["second:n"]);
  });

  it("refuses limit options that make no sense", async () => {
    const { io } = await startServer();
    expect(() => bindServer(reliabilityContract, io, { rateLimit: { eventsPerSecond: 0 } })).toThrow(
      "rateLimit.eventsPerSecond must be a positive number",
    );
    expect(() => bindServer(reliabilityContract, io, { rateLimit: { burst: 0.5 } })).toThrow(
      "rateLimit.burst must be a number of at least 1",
    );
    expect(() => bindServer(reliabilityContract, io, { maxInFlight: 0 })).toThrow(
      "maxInFlight must be a whole number of at least 1, or false",
    );
  });
});
