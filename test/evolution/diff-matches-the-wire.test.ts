import { bindClient } from "@socket-contract/client";
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { binary, type Contract, ContractError, defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffContracts } from "../../packages/codegen/src/diff/diff-contracts.js";
import { client, connected, sleep, startServer, until } from "../support/util.js";

/**
 * `socket-contract diff` against the wire: for each kind of change, an old and a new contract,
 * diff's verdict per audience, and what happens when an old client talks to a new server (old
 * clients) and a new client to an old server (old servers) over real Socket.IO. Each case states
 * whom the change breaks; diff and the wire must both say so, so the two cannot drift apart.
 */

type Audience = "old-clients" | "old-servers";
type Side = "old" | "new";
type Events = Record<string, Record<string, unknown>>;

interface Case {
  readonly name: string;
  /** The namespace's definition in each release (defaults: event `e` in `direction`). */
  readonly old: Record<string, unknown>;
  readonly new: Record<string, unknown>;
  /** Namespace paths in each release; a client connects to `connect[side]`. */
  readonly path?: { readonly old: string; readonly new: string };
  readonly connect?: { readonly old: string; readonly new: string };
  readonly direction: "clientToServer" | "serverToClient";
  /** What each release's sender sends (the argument list), and answers (ack). */
  readonly send: Record<Side, readonly unknown[]>;
  readonly answer?: Record<Side, unknown>;
  /** The item a streaming responder of each release yields (default `"item"`). */
  readonly item?: Record<Side, unknown>;
  /** A custom error the responder of each release answers with instead, as [code, data]. */
  readonly fail?: Partial<Record<Side, readonly [string, unknown]>>;
  readonly breaks: readonly Audience[];
  /** Safe as docs/evolving.md says, though the old client's onError sees this code. */
  readonly oldClientsSee?: string;
  /** Counted against old servers though the old server sees nothing: the new client gets this code. */
  readonly newClientsGet?: string;
}

const c2s = (event: Record<string, unknown>): Record<string, unknown> => ({ clientToServer: { e: event } });
const s2c = (event: Record<string, unknown>): Record<string, unknown> => ({ serverToClient: { e: event } });
const obj = (shape: z.ZodRawShape) => z.object(shape);
const same = <T>(value: T): Record<Side, T> => ({ old: value, new: value });

const cases: Case[] = [
  // Events added and removed.
  {
    name: "event clients send added",
    direction: "clientToServer",
    old: {},
    new: c2s({ args: [z.string()] }),
    send: same(["x"]),
    breaks: ["old-servers"],
  },
  {
    name: "event clients send removed",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: {},
    send: same(["x"]),
    breaks: ["old-clients"],
  },
  {
    name: "event the server sends added (no ack)",
    direction: "serverToClient",
    old: {},
    new: s2c({ args: [z.string()] }),
    send: same(["x"]),
    breaks: [],
    oldClientsSee: "UNKNOWN_EVENT",
  },
  {
    name: "event the server sends added (with ack)",
    direction: "serverToClient",
    old: {},
    new: s2c({ args: [z.string()], ack: z.string() }),
    send: same(["x"]),
    answer: same("ok"),
    breaks: ["old-clients"],
  },
  // Fields of what clients send.
  {
    name: "required field added to args clients send",
    direction: "clientToServer",
    old: c2s({ args: [obj({ a: z.string() })] }),
    new: c2s({ args: [obj({ a: z.string(), b: z.string() })] }),
    send: { old: [{ a: "x" }], new: [{ a: "x", b: "y" }] },
    breaks: ["old-clients"],
  },
  {
    name: "optional field added to args clients send",
    direction: "clientToServer",
    old: c2s({ args: [obj({ a: z.string() })] }),
    new: c2s({ args: [obj({ a: z.string(), b: z.string().optional() })] }),
    send: { old: [{ a: "x" }], new: [{ a: "x", b: "y" }] },
    breaks: [],
  },
  {
    name: "field with a default added to args clients send",
    direction: "clientToServer",
    old: c2s({ args: [obj({ a: z.string() })] }),
    new: c2s({ args: [obj({ a: z.string(), b: z.string().default("d") })] }),
    send: { old: [{ a: "x" }], new: [{ a: "x" }] },
    breaks: [],
  },
  {
    name: "field removed from args clients send",
    direction: "clientToServer",
    old: c2s({ args: [obj({ a: z.string(), b: z.string() })] }),
    new: c2s({ args: [obj({ a: z.string() })] }),
    send: { old: [{ a: "x", b: "y" }], new: [{ a: "x" }] },
    breaks: ["old-servers"],
  },
  {
    name: "field removed from strict args clients send",
    direction: "clientToServer",
    old: c2s({ args: [z.strictObject({ a: z.string(), b: z.string() })] }),
    new: c2s({ args: [z.strictObject({ a: z.string() })] }),
    send: { old: [{ a: "x", b: "y" }], new: [{ a: "x" }] },
    breaks: ["old-clients", "old-servers"],
  },
  {
    name: "type widened on args clients send (string → string | number)",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: c2s({ args: [z.union([z.string(), z.number()])] }),
    send: { old: ["x"], new: [1] },
    breaks: ["old-servers"],
  },
  {
    name: "enum value removed from args clients send",
    direction: "clientToServer",
    old: c2s({ args: [z.enum(["a", "b"])] }),
    new: c2s({ args: [z.enum(["a"])] }),
    send: { old: ["b"], new: ["a"] },
    breaks: ["old-clients"],
  },
  {
    name: "max narrowed on args clients send",
    direction: "clientToServer",
    old: c2s({ args: [z.string().max(5)] }),
    new: c2s({ args: [z.string().max(2)] }),
    send: { old: ["xxxx"], new: ["xx"] },
    breaks: ["old-clients"],
  },
  {
    name: "min lowered on args clients send",
    direction: "clientToServer",
    old: c2s({ args: [z.string().min(2)] }),
    new: c2s({ args: [z.string().min(0)] }),
    send: { old: ["xx"], new: [""] },
    breaks: ["old-servers"],
  },
  {
    name: "argument made optional",
    direction: "clientToServer",
    old: c2s({ args: [z.string(), z.string()] }),
    new: c2s({ args: [z.string(), z.string().optional()] }),
    send: { old: ["x", "y"], new: ["x", undefined] },
    breaks: ["old-servers"],
  },
  {
    name: "argument added (arity)",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: c2s({ args: [z.string(), z.string()] }),
    send: { old: ["x"], new: ["x", "y"] },
    breaks: ["old-clients", "old-servers"],
  },
  {
    name: "binary maxBytes narrowed on args clients send",
    direction: "clientToServer",
    old: c2s({ args: [binary({ maxBytes: 16 })] }),
    new: c2s({ args: [binary({ maxBytes: 4 })] }),
    send: { old: [Buffer.alloc(8)], new: [Buffer.alloc(2)] },
    breaks: ["old-clients"],
  },
  {
    name: "binary maxBytes widened on args clients send",
    direction: "clientToServer",
    old: c2s({ args: [binary({ maxBytes: 4 })] }),
    new: c2s({ args: [binary({ maxBytes: 16 })] }),
    send: { old: [Buffer.alloc(2)], new: [Buffer.alloc(8)] },
    breaks: ["old-servers"],
  },
  {
    name: "transform added on args clients send (same wire form)",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: c2s({ args: [z.string().transform((s) => s.length)] }),
    send: same(["xyz"]),
    breaks: [],
  },
  {
    name: "Valibot: required field added to args clients send",
    direction: "clientToServer",
    old: c2s({ args: [toStandardJsonSchema(v.object({ a: v.string() }))] }),
    new: c2s({ args: [toStandardJsonSchema(v.object({ a: v.string(), b: v.string() }))] }),
    send: { old: [{ a: "x" }], new: [{ a: "x", b: "y" }] },
    breaks: ["old-clients"],
  },
  {
    name: "Valibot: optional field added to args clients send",
    direction: "clientToServer",
    old: c2s({ args: [toStandardJsonSchema(v.object({ a: v.string() }))] }),
    new: c2s({ args: [toStandardJsonSchema(v.object({ a: v.string(), b: v.optional(v.string()) }))] }),
    send: { old: [{ a: "x" }], new: [{ a: "x", b: "y" }] },
    breaks: [],
  },
  // Fields of what clients receive.
  {
    name: "required field added to args clients receive",
    direction: "serverToClient",
    old: s2c({ args: [obj({ a: z.string() })] }),
    new: s2c({ args: [obj({ a: z.string(), b: z.string() })] }),
    send: { old: [{ a: "x" }], new: [{ a: "x", b: "y" }] },
    breaks: [],
  },
  {
    name: "field removed from args clients receive",
    direction: "serverToClient",
    old: s2c({ args: [obj({ a: z.string(), b: z.string() })] }),
    new: s2c({ args: [obj({ a: z.string() })] }),
    send: { old: [{ a: "x", b: "y" }], new: [{ a: "x" }] },
    breaks: ["old-clients"],
  },
  {
    name: "field made optional on args clients receive",
    direction: "serverToClient",
    old: s2c({ args: [obj({ a: z.string(), b: z.string() })] }),
    new: s2c({ args: [obj({ a: z.string(), b: z.string().optional() })] }),
    send: { old: [{ a: "x", b: "y" }], new: [{ a: "x" }] },
    breaks: ["old-clients"],
  },
  {
    name: "field with a default added to args clients receive",
    direction: "serverToClient",
    old: s2c({ args: [obj({ a: z.string() })] }),
    new: s2c({ args: [obj({ a: z.string(), b: z.string().default("d") })] }),
    send: same([{ a: "x" }]),
    breaks: [],
  },
  {
    name: "default given to a field clients receive",
    direction: "serverToClient",
    old: s2c({ args: [obj({ a: z.string(), b: z.string() })] }),
    new: s2c({ args: [obj({ a: z.string(), b: z.string().default("d") })] }),
    send: { old: [{ a: "x", b: "y" }], new: [{ a: "x" }] },
    breaks: [],
  },
  {
    name: "default given to a field clients send",
    direction: "clientToServer",
    old: c2s({ args: [obj({ a: z.string(), b: z.string() })] }),
    new: c2s({ args: [obj({ a: z.string(), b: z.string().default("d") })] }),
    send: { old: [{ a: "x", b: "y" }], new: [{ a: "x" }] },
    breaks: [],
  },
  {
    name: "default taken from a field clients send",
    direction: "clientToServer",
    old: c2s({ args: [obj({ a: z.string(), b: z.string().default("d") })] }),
    new: c2s({ args: [obj({ a: z.string(), b: z.string() })] }),
    send: { old: [{ a: "x" }], new: [{ a: "x", b: "y" }] },
    breaks: [],
  },
  {
    name: "default given to a field of the ack clients receive",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: obj({ a: z.string(), b: z.string() }) }),
    new: c2s({ args: [z.string()], ack: obj({ a: z.string(), b: z.string().default("d") }) }),
    send: same(["x"]),
    answer: { old: { a: "x", b: "y" }, new: { a: "x" } },
    breaks: [],
  },
  {
    name: "null added to args clients receive",
    direction: "serverToClient",
    old: s2c({ args: [z.string()] }),
    new: s2c({ args: [z.string().nullable()] }),
    send: { old: ["x"], new: [null] },
    breaks: ["old-clients"],
  },
  {
    name: "enum value added to args clients receive",
    direction: "serverToClient",
    old: s2c({ args: [z.enum(["a"])] }),
    new: s2c({ args: [z.enum(["a", "b"])] }),
    send: { old: ["a"], new: ["b"] },
    breaks: ["old-clients"],
  },
  {
    name: "enum value removed from args clients receive",
    direction: "serverToClient",
    old: s2c({ args: [z.enum(["a", "b"])] }),
    new: s2c({ args: [z.enum(["a"])] }),
    send: { old: ["b"], new: ["a"] },
    breaks: [],
  },
  // Acknowledgements.
  {
    name: "required field added to the ack clients receive",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: obj({ a: z.string() }) }),
    new: c2s({ args: [z.string()], ack: obj({ a: z.string(), b: z.string() }) }),
    send: same(["x"]),
    answer: { old: { a: "x" }, new: { a: "x", b: "y" } },
    breaks: [],
  },
  {
    name: "field removed from the ack clients receive",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: obj({ a: z.string(), b: z.string() }) }),
    new: c2s({ args: [z.string()], ack: obj({ a: z.string() }) }),
    send: same(["x"]),
    answer: { old: { a: "x", b: "y" }, new: { a: "x" } },
    breaks: ["old-clients"],
  },
  {
    name: "required field added to the ack clients send",
    direction: "serverToClient",
    old: s2c({ args: [z.string()], ack: obj({ a: z.string() }) }),
    new: s2c({ args: [z.string()], ack: obj({ a: z.string(), b: z.string() }) }),
    send: same(["x"]),
    answer: { old: { a: "x" }, new: { a: "x", b: "y" } },
    breaks: ["old-clients"],
  },
  {
    name: "ack added to an event clients send",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: c2s({ args: [z.string()], ack: z.string() }),
    send: same(["x"]),
    answer: same("ok"),
    breaks: ["old-clients", "old-servers"],
    newClientsGet: "INVALID_ACK",
  },
  {
    name: "ack removed from an event clients send",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: z.string() }),
    new: c2s({ args: [z.string()] }),
    send: same(["x"]),
    answer: same("ok"),
    breaks: ["old-clients", "old-servers"],
  },
  {
    name: "ack added to an event the server sends",
    direction: "serverToClient",
    old: s2c({ args: [z.string()] }),
    new: s2c({ args: [z.string()], ack: z.string() }),
    send: same(["x"]),
    answer: same("ok"),
    breaks: ["old-clients"],
  },
  {
    name: "ack removed from an event the server sends",
    direction: "serverToClient",
    old: s2c({ args: [z.string()], ack: z.string() }),
    new: s2c({ args: [z.string()] }),
    send: same(["x"]),
    answer: same("ok"),
    breaks: ["old-clients", "old-servers"],
  },
  // Custom errors.
  {
    name: "custom error code added (server answers it)",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: z.string() }),
    new: c2s({ args: [z.string()], ack: z.string(), errors: { FULL: obj({ n: z.number() }) } }),
    send: same(["x"]),
    answer: same("ok"),
    fail: { new: ["FULL", { n: 1 }] },
    breaks: [],
    oldClientsSee: "INVALID_ACK",
  },
  {
    name: "required field added to a custom error's data clients receive",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: z.string(), errors: { FULL: obj({ n: z.number() }) } }),
    new: c2s({ args: [z.string()], ack: z.string(), errors: { FULL: obj({ n: z.number(), m: z.number() }) } }),
    send: same(["x"]),
    fail: { old: ["FULL", { n: 1 }], new: ["FULL", { n: 1, m: 2 }] },
    breaks: [],
  },
  {
    name: "field removed from a custom error's data clients receive",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: z.string(), errors: { FULL: obj({ n: z.number(), m: z.number() }) } }),
    new: c2s({ args: [z.string()], ack: z.string(), errors: { FULL: obj({ n: z.number() }) } }),
    send: same(["x"]),
    fail: { old: ["FULL", { n: 1, m: 2 }], new: ["FULL", { n: 1 }] },
    breaks: ["old-clients"],
  },
  {
    name: "required field added to a custom error's data clients send",
    direction: "serverToClient",
    old: s2c({ args: [z.string()], ack: z.string(), errors: { NOPE: obj({ n: z.number() }) } }),
    new: s2c({ args: [z.string()], ack: z.string(), errors: { NOPE: obj({ n: z.number(), m: z.number() }) } }),
    send: same(["x"]),
    fail: { old: ["NOPE", { n: 1 }], new: ["NOPE", { n: 1, m: 2 }] },
    breaks: ["old-clients"],
  },
  // Streams.
  {
    name: "stream added to an event clients send",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], ack: z.string() }),
    new: c2s({ args: [z.string()], stream: z.string(), ack: z.string() }),
    send: same(["x"]),
    answer: same("ok"),
    breaks: ["old-clients", "old-servers"],
  },
  {
    name: "item schema widened on a stream clients receive",
    direction: "clientToServer",
    old: c2s({ args: [z.string()], stream: z.literal("item"), ack: z.string() }),
    new: c2s({ args: [z.string()], stream: z.string(), ack: z.string() }),
    send: same(["x"]),
    answer: same("ok"),
    item: { old: "item", new: "other" },
    breaks: ["old-clients"],
  },
  // Namespaces.
  {
    name: "namespace renamed",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: c2s({ args: [z.string()] }),
    path: { old: "/n", new: "/m" },
    connect: { old: "/n", new: "/m" },
    send: same(["x"]),
    breaks: ["old-clients", "old-servers"],
  },
  {
    name: "params schema added to a dynamic namespace",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: { ...c2s({ args: [z.string()] }), params: z.object({ id: z.string().regex(/^\d+$/) }) },
    path: same("/org/:id"),
    connect: { old: "/org/abc", new: "/org/12" },
    send: same(["x"]),
    breaks: ["old-clients"],
  },
  // Only the concrete path travels (`/org/acme`): a parameter's name is the server's own.
  {
    name: "path parameter renamed",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: c2s({ args: [z.string()] }),
    path: { old: "/org/:id", new: "/org/:orgId" },
    connect: same("/org/abc"),
    send: same(["x"]),
    breaks: [],
  },
  {
    name: "path parameter renamed, its params schema unchanged",
    direction: "clientToServer",
    old: { ...c2s({ args: [z.string()] }), params: z.object({ id: z.string().regex(/^\d+$/) }) },
    new: { ...c2s({ args: [z.string()] }), params: z.object({ orgId: z.string().regex(/^\d+$/) }) },
    path: { old: "/org/:id", new: "/org/:orgId" },
    connect: same("/org/12"),
    send: same(["x"]),
    breaks: [],
  },
  {
    name: "path parameter renamed and narrowed",
    direction: "clientToServer",
    old: c2s({ args: [z.string()] }),
    new: { ...c2s({ args: [z.string()] }), params: z.object({ orgId: z.string().regex(/^\d+$/) }) },
    path: { old: "/org/:id", new: "/org/:orgId" },
    connect: { old: "/org/abc", new: "/org/12" },
    send: same(["x"]),
    breaks: ["old-clients"],
  },
  {
    name: "params schema removed from a dynamic namespace",
    direction: "clientToServer",
    old: { ...c2s({ args: [z.string()] }), params: z.object({ id: z.string().regex(/^\d+$/) }) },
    new: c2s({ args: [z.string()] }),
    path: same("/org/:id"),
    connect: { old: "/org/12", new: "/org/abc" },
    send: same(["x"]),
    breaks: ["old-servers"],
  },
];

/** Whom diff says the change breaks. */
function diffBreaks(before: Contract, after: Contract): Audience[] {
  const found = new Set(diffContracts(before, after).changes.flatMap((change) => change.breaks));
  return (["old-clients", "old-servers"] as const).filter((audience) => found.has(audience));
}

function release(test: Case, side: Side): Contract {
  return defineContract({
    name: "evo",
    version: side === "old" ? "1.0.0" : "2.0.0",
    namespaces: { [test.path?.[side] ?? "/n"]: test[side] },
  } as never) as never;
}

interface Outcome {
  /** Error codes the client saw (its onError, a rejected emit, a refused connection). */
  readonly client: string[];
  /** Error codes the server saw (its onError, a rejected emit). */
  readonly server: string[];
  /** The codes the client reported to the server (`contract:error`), which its onError also sees. */
  readonly reports: string[];
  /** What the receiver's handler got, and what the requester's emit resolved to. */
  received?: unknown;
  answered?: unknown;
}

const codeOf = (error: unknown): string =>
  (error as { code?: string; data?: { code?: string } }).data?.code ??
  (error as { code?: string }).code ??
  String(error);

/** An old or new client against an old or new server, exercising the changed event once. */
async function run(test: Case, clientSide: Side, serverSide: Side): Promise<Outcome> {
  const outcome: Outcome = { client: [], server: [], reports: [] };
  const [clientContract, serverContract] = [release(test, clientSide), release(test, serverSide)];
  const serverEvent = (test[serverSide][test.direction] as Events | undefined)?.e;
  const clientEvent = (test[clientSide][test.direction] as Events | undefined)?.e;
  const { io, url } = await startServer();
  const server = bindServer(serverContract as never, io, {
    onError: (error) => void outcome.server.push(error.code),
  }) as any;
  const respond = (side: Side) => {
    const failure = test.fail?.[side];
    if (failure !== undefined) throw new ContractError(failure[0] as never, { data: failure[1] } as never);
    return test.answer?.[side];
  };
  const joined = new Promise<any>((resolve) => server.of(test.path?.[serverSide] ?? "/n").on("connection", resolve));
  const socket = client(url, test.connect?.[clientSide] ?? "/n", { reconnection: false });
  const bound = bindClient(clientContract as never, test.connect?.[clientSide] ?? "/n", socket, {
    ackTimeout: 300,
  } as never) as any;
  bound.onError((error: { code: string }) => void outcome.client.push(error.code));
  if (test.direction === "serverToClient" && clientEvent !== undefined)
    bound.on("e", (...args: unknown[]) => ((outcome.received = args), respond(clientSide)));
  try {
    await connected(socket);
  } catch (error) {
    outcome.client.push(`connect:${codeOf(error)}`);
    return outcome;
  }
  const peer = await joined;
  peer.raw.on("contract:error", (report: { code: string }) => void outcome.reports.push(report.code));
  const settled = () => outcome.received !== undefined || outcome.client.length + outcome.server.length > 0;
  if (test.direction === "clientToServer") {
    if (serverEvent?.stream !== undefined)
      peer.on("e", async function* (...args: unknown[]) {
        outcome.received = args;
        yield test.item?.[serverSide] ?? "item";
        return respond(serverSide);
      });
    else if (serverEvent !== undefined)
      peer.on("e", (...args: unknown[]) => ((outcome.received = args), respond(serverSide)));
    if (clientEvent === undefined) return outcome; // the client cannot send what it does not know
    if (clientEvent.stream !== undefined) {
      const items: unknown[] = [];
      try {
        for await (const item of bound.stream("e", ...test.send[clientSide])) items.push(item);
        outcome.answered = items;
      } catch (error) {
        outcome.client.push(codeOf(error));
      }
      return outcome;
    }
    const sent = bound.emit("e", ...test.send[clientSide]);
    if (clientEvent.ack !== undefined)
      await sent.then(
        (value: unknown) => (outcome.answered = value),
        (error: unknown) => void outcome.client.push(codeOf(error)),
      );
    else await until(settled, 1_000).catch(() => {});
  } else {
    if (serverEvent === undefined) return outcome;
    const sent = peer.emit("e", ...test.send[serverSide]);
    if (serverEvent.ack !== undefined)
      await sent.then(
        (value: unknown) => (outcome.answered = value),
        (error: unknown) => void outcome.server.push(codeOf(error)),
      );
    else await until(settled, 1_000).catch(() => {});
  }
  await sleep(20); // reports that travel back (an old client's UNKNOWN_EVENT) arrive
  return outcome;
}

/** The codes that mean something went wrong, leaving out the version handshake's note and the handler's own custom error. */
function failures(codes: readonly string[], test: Case): string[] {
  const thrown = new Set(Object.values(test.fail ?? {}).map(([code]) => code));
  return codes.filter((code) => code !== "CONTRACT_MISMATCH" && !thrown.has(code));
}

/** `codes` less one of each of `reported`. */
function without(codes: readonly string[], reported: readonly string[]): string[] {
  const left = [...codes];
  for (const code of reported) if (left.includes(code)) left.splice(left.indexOf(code), 1);
  return left;
}

describe("socket-contract diff matches what happens on the wire", () => {
  it.each(cases)("$name", async (test) => {
    const said = diffBreaks(release(test, "old"), release(test, "new"));
    const oldClient = await run(test, "old", "new");
    const newClient = await run(test, "new", "old");
    const wire = {
      // Old clients against a new server: anything that goes wrong, on either side.
      "old-clients": [...failures(oldClient.client, test), ...failures(oldClient.server, test)],
      // New clients against an old server: what the old server refuses (its onError, less what the
      // new client refused and reported to it) or is refused, and a connection it refuses.
      "old-servers": [
        ...without(failures(newClient.server, test), newClient.reports),
        ...newClient.client.filter((code) => code.startsWith("connect:")),
      ],
    };
    if (test.oldClientsSee !== undefined) expect(failures(oldClient.client, test)).toEqual([test.oldClientsSee]);
    if (test.newClientsGet !== undefined) {
      expect(failures(newClient.client, test)).toEqual([test.newClientsGet]);
      wire["old-servers"].push(test.newClientsGet);
    }
    const broken = (["old-clients", "old-servers"] as const).filter(
      (audience) => wire[audience].length > 0 && !(audience === "old-clients" && test.oldClientsSee !== undefined),
    );
    expect({ diff: said, wire: broken }).toEqual({ diff: test.breaks, wire: test.breaks });
  });
});
