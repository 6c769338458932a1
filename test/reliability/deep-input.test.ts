import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { client, connected, rawAck, startServer } from "../support/util.js";
import { depthContract } from "./fixtures/depth-contract.js";
import { startChildServer } from "./support/child-server.js";
import { rawWebSocket } from "./support/raw-engine.js";

// Socket.IO's default maxHttpBufferSize: 1,000,000 bytes per message. Each input below fits.
const LIMIT = 1_000_000;
const HEADER = '42/chat,1["tree:save",';
const deepArray = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
const deepTree = (levels: number) => `${'{"children":['.repeat(levels)}${"]}".repeat(levels)}`;
const fitting = (unit: number) => Math.floor((LIMIT - HEADER.length - 10) / unit);
/** A wide input whose only deep branch comes last, so a walk must visit everything before it. */
const wideThenDeep = `[${"[],".repeat(fitting(3) - 400)}${deepArray(160)}]`;

interface Timing {
  event?: string;
  socketId?: string;
  code: string;
  issue?: string;
  runtimeCpuMs: number;
  totalCpuMs: number;
  runtimeWallMs: number;
}

const cases: { name: string; event: string; payload: string; ack: boolean }[] = [
  { name: "a 100,000-deep array, to a z.lazy schema", event: "tree:save", payload: deepArray(100_000), ack: true },
  {
    name: `the deepest array that fits (${fitting(2).toLocaleString("en")} levels), to a z.lazy schema`,
    event: "tree:save",
    payload: deepArray(fitting(2)),
    ack: true,
  },
  {
    name: `the deepest tree that fits (${fitting(15).toLocaleString("en")} levels of {"children":[...]})`,
    event: "tree:save",
    payload: deepTree(fitting(15)),
    ack: true,
  },
  { name: "a 100,000-deep array, to z.json()", event: "json:save", payload: deepArray(100_000), ack: true },
  {
    name: "a 100,000-deep array, to a schema recursive through a getter, without ack",
    event: "outline:save",
    payload: deepArray(100_000),
    ack: false,
  },
];

async function send(
  hostile: Awaited<ReturnType<typeof rawWebSocket>>,
  event: string,
  payload: string,
  ack: boolean,
  id: number,
): Promise<unknown> {
  const frame = `42/chat,${ack ? id : ""}["${event}",${payload}]`;
  expect(frame.length).toBeLessThanOrEqual(LIMIT);
  hostile.ws.send(frame);
  if (ack) return JSON.parse((await hostile.nextText(`43/chat,${id}`, 30_000)).slice(`43/chat,${id}`.length))[0];
  return JSON.parse((await hostile.nextText('42/chat,["contract:error"', 30_000)).slice("42/chat,".length))[1];
}

const RUNS = 5;
const ms = (value: number) => `${value.toFixed(3)} ms`;

describe("deep input costs bounded CPU", () => {
  it("refuses input nested deeper than maxDepth (default 128) under a recursive schema in at most 5 ms, and keeps the connection", async () => {
    const server = await startChildServer({ script: "depth-server.ts" });
    const hostile = await rawWebSocket(server.url);
    const rows: string[] = [];
    const medians: number[] = [];
    let id = 1;
    for (const { name, event, payload, ack } of cases) {
      const runs: Timing[] = [];
      for (let run = 0; run < RUNS; run++) {
        const answer = await send(hostile, event, payload, ack, id++);
        const error = ack ? (answer as { error: unknown }).error : answer;
        expect(error).toMatchObject({
          code: "INVALID_PAYLOAD",
          issues: [{ path: [0], code: "too_deep", message: "Nested deeper than 128 levels" }],
        });
        const timings = (await server.ask<{ timings: Timing[] }>({ type: "timings" }, "timings")).timings;
        expect(timings).toEqual([
          expect.objectContaining({ event, code: "INVALID_PAYLOAD", issue: "too_deep", socketId: expect.any(String) }),
        ]);
        runs.push(timings[0]!);
      }
      const sorted = (pick: (timing: Timing) => number) => runs.map(pick).sort((a, b) => a - b);
      const runtime = sorted((timing) => timing.runtimeCpuMs);
      const total = sorted((timing) => timing.totalCpuMs);
      const wall = sorted((timing) => timing.runtimeWallMs);
      rows.push(
        `${name} (${(payload.length / 1_000).toFixed(0)} kB): runtime ${ms(runtime[2]!)} CPU (slowest ${ms(runtime[4]!)}; wall ${ms(wall[2]!)}), Socket.IO's decoding included ${ms(total[2]!)} CPU`,
      );
      medians.push(runtime[2]!);
    }
    // Within the limit, a recursive schema parses as before, and a schema without recursion is never walked.
    expect(await send(hostile, "tree:save", deepTree(64), true, id++)).toEqual({ ok: true, data: true });
    expect(await send(hostile, "json:save", deepArray(128), true, id++)).toEqual({ ok: true, data: true });
    expect(await send(hostile, "flat:save", '{"name":"n","tags":[[[[[[]]]]]]}', true, id++)).toMatchObject({
      ok: false,
      error: { issues: [{ path: [0, "tags", 0], code: "invalid_type" }] },
    });
    // The widest input with one deep branch, last: the walk visits every node before it (bounded by the
    // packet's size, like Socket.IO's own decoding of it, which it is reported beside).
    const wide = await send(hostile, "tree:save", wideThenDeep, true, id++);
    expect(wide).toMatchObject({ ok: false, error: { issues: [{ code: "too_deep" }] } });
    const [wideTiming] = (await server.ask<{ timings: Timing[] }>({ type: "timings" }, "timings")).timings;
    rows.push(
      `${(fitting(3) - 400).toLocaleString("en")} empty arrays then a 160-deep one (${(wideThenDeep.length / 1_000).toFixed(0)} kB): runtime ${ms(wideTiming!.runtimeCpuMs)} CPU, Socket.IO's decoding included ${ms(wideTiming!.totalCpuMs)} CPU`,
    );
    console.info(
      `[deep input] CPU time of each refusal in the server process, the answer's sending included (maxDepth 128; median of 5):\n  ${rows.join("\n  ")}`,
    );
    // The median: the CPU clock counts whatever else the process did meanwhile (a timer, a collection).
    for (const median of medians) expect(median).toBeLessThanOrEqual(5);
  }, 120_000);

  it("costs a parse as deep as the input with maxDepth: Infinity (the figure the limit removes)", async () => {
    const server = await startChildServer({ script: "depth-server.ts", env: { MAX_DEPTH: "Infinity" } });
    const hostile = await rawWebSocket(server.url);
    const answer = await send(hostile, "tree:save", deepTree(fitting(15)), true, 1);
    expect(answer).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } });
    const [timing] = (await server.ask<{ timings: Timing[] }>({ type: "timings" }, "timings")).timings;
    console.info(
      `[deep input] without a depth limit, the deepest tree that fits costs the runtime ${ms(timing!.runtimeCpuMs)} CPU to refuse`,
    );
    // Several times what the same tree costs with the limit (~0.4 ms above): 6.7 ms on Node 20, 4.6 ms
    // on Node 24, whose V8 parses faster; the bound is what a machine of either shows, not a target.
    expect(timing!.runtimeCpuMs).toBeGreaterThan(2);
  }, 120_000);

  it("bounds the client runtime the same way: a too-deep event from the server is refused and reported", async () => {
    const server = await startChildServer({ script: "depth-server.ts" });
    const socket = client(server.url, "/chat", { auth: { token: "t" } });
    const bound = bindClient(depthContract, "/chat", socket);
    const cpuMs = () => (process.cpuUsage().user + process.cpuUsage().system) / 1_000;
    let handedOverCpu = 0;
    socket.prependAny(() => void (handedOverCpu = cpuMs()));
    const refused: { code: string; issue?: string; ms: number }[] = [];
    bound.onError(
      (error) => void refused.push({ code: error.code, issue: error.issues?.[0]?.code, ms: cpuMs() - handedOverCpu }),
    );
    const received: unknown[] = [];
    bound.on("tree", (tree) => void received.push(tree));
    await connected(socket);
    for (let run = 0; run < RUNS; run++) await server.ask({ type: "send-tree", depth: 2_000 }, "sent");
    await server.ask({ type: "send-tree", depth: 64 }, "sent");
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the 64-deep tree never arrived")), 10_000);
      const check = setInterval(() => {
        if (received.length === 1) {
          clearTimeout(timer);
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    expect(refused).toEqual(
      Array.from({ length: RUNS }, () => ({ code: "INVALID_PAYLOAD", issue: "too_deep", ms: expect.any(Number) })),
    );
    const median = refused.map((refusal) => refusal.ms).sort((a, b) => a - b)[2]!;
    console.info(`[deep input] the client runtime refused a 2,000-deep tree in ${ms(median)} CPU (median of ${RUNS})`);
    expect(median).toBeLessThanOrEqual(5);
  }, 60_000);

  it("takes another limit through maxDepth, on both sides, and refuses nonsense", async () => {
    const { io, url } = await startServer({ transports: ["websocket"] });
    const server = bindServer(depthContract, io, { maxDepth: 4, onError: () => {} });
    server.of("/chat").on("connection", (socket) => void socket.on("json:save", () => true as const));
    const socket = client(url, "/chat", { auth: { token: "t" } });
    await connected(socket);
    expect(await rawAck(socket, "json:save", [[[[1]]]])).toEqual({ ok: true, data: true });
    expect(await rawAck(socket, "json:save", [[[[[1]]]]])).toMatchObject({
      ok: false,
      error: {
        code: "INVALID_PAYLOAD",
        issues: [{ path: [0], code: "too_deep", message: "Nested deeper than 4 levels" }],
      },
    });
    // A sender checks what leaves by the same rule: its own limit.
    const bound = bindClient(depthContract, "/chat", socket, { maxDepth: 2 });
    await expect(bound.emit("json:save", [[[1]]])).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
      issues: [{ code: "too_deep" }],
    });
    for (const maxDepth of [0, 1.5, -1, Number.NaN]) {
      expect(() => bindServer(depthContract, io, { maxDepth })).toThrow(
        "bindServer: maxDepth must be a whole number of at least 1, or Infinity",
      );
      expect(() => bindClient(depthContract, "/chat", socket, { maxDepth })).toThrow(
        "bindClient: maxDepth must be a whole number of at least 1, or Infinity",
      );
    }
  });
});
