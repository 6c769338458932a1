import {
  binary,
  type Contract,
  defineContract,
  type EventMap,
  type NamespaceDefinition,
  streamOf,
} from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type ContractChange, diffContracts } from "../../src/diff/diff-contracts.js";

/** A one-namespace contract ("/chat") from the parts a rule needs. */
function chat(parts: {
  c2s?: EventMap;
  s2c?: EventMap;
  s2s?: EventMap;
  auth?: z.ZodType;
  data?: z.ZodType;
  extra?: Record<`/${string}`, NamespaceDefinition>;
}): Contract {
  return defineContract({
    name: "chat",
    version: "1.0.0",
    namespaces: {
      "/chat": { auth: parts.auth, data: parts.data, clientToServer: parts.c2s, serverToClient: parts.s2c },
      ...parts.extra,
    },
    serverToServer: parts.s2s,
  });
}

/** One line per change: whom it breaks (or "safe"), where, and what changed. */
function summary(change: ContractChange): string {
  const where = [
    change.direction === "clientToServer"
      ? "c2s"
      : change.direction === "serverToClient"
        ? "s2c"
        : change.direction === "serverToServer"
          ? "s2s"
          : change.namespace,
    change.event,
    change.part === "event" || change.part === "namespace"
      ? ""
      : `${change.part}${change.path === "" || change.path.startsWith("[") ? "" : "."}${change.path}`,
  ]
    .filter(Boolean)
    .join(" ");
  return `${change.breaks.length === 0 ? "safe" : change.breaks.join("+")} | ${where} | ${change.change}`;
}

const text = (max: number) => z.object({ room: z.string(), text: z.string().max(max) });
const Shape = (kinds: string[]) =>
  z.discriminatedUnion("kind", kinds.map((kind) => z.object({ kind: z.literal(kind), size: z.number() })) as never);

/**
 * Each rule as a pair of contracts and what the diff says going forward (old → new) and backward
 * (new → old): every rule is checked both ways.
 */
const rules: { rule: string; old: Contract; new: Contract; forward: string[]; backward: string[] }[] = [
  {
    rule: "an event clients send, removed / added",
    old: chat({ c2s: { send: { args: [z.string()] }, leave: { args: [] } } }),
    new: chat({ c2s: { send: { args: [z.string()] } } }),
    forward: ["old-clients | c2s leave | event removed"],
    backward: ["old-servers | c2s leave | event added"],
  },
  {
    rule: "an event the server sends, removed / added (no ack)",
    old: chat({ s2c: { notice: { args: [z.string()] }, message: { args: [z.string(), z.number()] } } }),
    new: chat({ s2c: { message: { args: [z.string(), z.number()] } } }),
    forward: ["old-clients | s2c notice | event removed"],
    backward: ["safe | s2c notice | event added"],
  },
  {
    rule: "an event the server sends with an ack, removed / added",
    old: chat({ s2c: { ping: { args: [], ack: z.literal("pong") } } }),
    new: chat({}),
    forward: ["old-clients | s2c ping | event removed"],
    backward: ["old-clients | s2c ping | event added"],
  },
  {
    rule: "an event renamed, and renamed back",
    old: chat({ c2s: { typing: { args: [z.string(), z.boolean()] } } }),
    new: chat({ c2s: { "typing:set": { args: [z.string(), z.boolean()] } } }),
    forward: ["old-clients+old-servers | c2s typing:set | renamed from typing"],
    backward: ["old-clients+old-servers | c2s typing | renamed from typing:set"],
  },
  {
    rule: "a required field added to / removed from what clients send",
    old: chat({ c2s: { send: { args: [z.object({ room: z.string() })] } } }),
    new: chat({ c2s: { send: { args: [z.object({ room: z.string(), text: z.string() })] } } }),
    forward: ["old-clients | c2s send args[0].text | field added (required)"],
    backward: ["old-servers | c2s send args[0].text | field removed (was required)"],
  },
  {
    rule: "an optional field added to / removed from what clients send",
    old: chat({ c2s: { send: { args: [z.object({ room: z.string() })] } } }),
    new: chat({ c2s: { send: { args: [z.object({ room: z.string(), tag: z.string().optional() })] } } }),
    forward: ["safe | c2s send args[0].tag | field added (optional)"],
    backward: ["safe | c2s send args[0].tag | field removed (was optional)"],
  },
  {
    rule: "a field added to / removed from what clients receive",
    old: chat({ s2c: { message: { args: [z.object({ id: z.string() })] } } }),
    new: chat({ s2c: { message: { args: [z.object({ id: z.string(), at: z.number() })] } } }),
    forward: ["safe | s2c message args[0].at | field added (required)"],
    backward: ["old-clients | s2c message args[0].at | field removed (was required)"],
  },
  {
    rule: "a field added to what clients receive, where old clients refuse unknown keys",
    old: chat({ s2c: { message: { args: [z.strictObject({ id: z.string() })] } } }),
    new: chat({ s2c: { message: { args: [z.strictObject({ id: z.string(), at: z.number().optional() })] } } }),
    forward: ["old-clients | s2c message args[0].at | field added (optional)"],
    backward: ["safe | s2c message args[0].at | field removed (was optional)"],
  },
  {
    rule: "a limit narrowed / widened on what clients send",
    old: chat({ c2s: { send: { args: [text(2000)] } } }),
    new: chat({ c2s: { send: { args: [text(1000)] } } }),
    forward: ["old-clients | c2s send args[0].text | maxLength 2000 → 1000"],
    backward: ["old-servers | c2s send args[0].text | maxLength 1000 → 2000"],
  },
  {
    rule: "a limit narrowed / widened on what clients receive",
    old: chat({ s2c: { message: { args: [text(2000)] } } }),
    new: chat({ s2c: { message: { args: [text(1000)] } } }),
    forward: ["safe | s2c message args[0].text | maxLength 2000 → 1000"],
    backward: ["old-clients | s2c message args[0].text | maxLength 1000 → 2000"],
  },
  {
    rule: "an enum value added to / removed from what clients send",
    old: chat({ c2s: { mood: { args: [z.enum(["happy", "sad"])] } } }),
    new: chat({ c2s: { mood: { args: [z.enum(["happy", "sad", "bored"])] } } }),
    forward: ['old-servers | c2s mood args[0] | value "bored" added'],
    backward: ['old-clients | c2s mood args[0] | value "bored" removed'],
  },
  {
    rule: "a literal union value added to / removed from what clients receive",
    old: chat({ s2c: { status: { args: [z.union([z.literal("online"), z.literal("away")])] } } }),
    new: chat({ s2c: { status: { args: [z.literal("online")] } } }),
    forward: ['safe | s2c status args[0] | value "away" removed'],
    backward: ['old-clients | s2c status args[0] | value "away" added'],
  },
  {
    rule: "a type changed",
    old: chat({ c2s: { at: { args: [z.object({ when: z.number() })] } } }),
    new: chat({ c2s: { at: { args: [z.object({ when: z.string() })] } } }),
    forward: ["old-clients+old-servers | c2s at args[0].when | type number → string"],
    backward: ["old-clients+old-servers | c2s at args[0].when | type string → number"],
  },
  {
    rule: "a type widened to nullable / narrowed back, on what clients receive",
    old: chat({ s2c: { notice: { args: [z.string()] } } }),
    new: chat({ s2c: { notice: { args: [z.string().nullable()] } } }),
    forward: ["old-clients | s2c notice args[0] | type string → string | null"],
    backward: ["safe | s2c notice args[0] | type string | null → string"],
  },
  {
    rule: "integer widened to number / narrowed back, on what clients send",
    old: chat({ c2s: { count: { args: [z.number().int()] } } }),
    new: chat({ c2s: { count: { args: [z.number()] } } }),
    forward: ["old-servers | c2s count args[0] | type integer → number"],
    backward: ["old-clients | c2s count args[0] | type number → integer"],
  },
  {
    rule: "an argument made optional / required",
    old: chat({ c2s: { join: { args: [z.string(), z.number()] } } }),
    new: chat({ c2s: { join: { args: [z.string(), z.number().optional()] } } }),
    forward: ["old-servers | c2s join args[1] | argument became optional"],
    backward: ["old-clients | c2s join args[1] | argument became required"],
  },
  {
    rule: "an argument added / removed (arity is strict)",
    old: chat({ c2s: { typing: { args: [z.string()] } } }),
    new: chat({ c2s: { typing: { args: [z.string(), z.boolean()] } } }),
    forward: ["old-clients+old-servers | c2s typing args | 1 argument → 2"],
    backward: ["old-clients+old-servers | c2s typing args | 2 arguments → 1"],
  },
  {
    rule: "an ack added to / removed from an event clients send",
    old: chat({ c2s: { send: { args: [z.string()] } } }),
    new: chat({ c2s: { send: { args: [z.string()], ack: z.object({ id: z.string() }) } } }),
    forward: ["old-clients+old-servers | c2s send ack | acknowledgement added"],
    backward: ["old-clients+old-servers | c2s send ack | acknowledgement removed"],
  },
  {
    rule: "an ack field removed / added (the server answers)",
    old: chat({ c2s: { send: { args: [z.string()], ack: z.object({ id: z.string(), at: z.number() }) } } }),
    new: chat({ c2s: { send: { args: [z.string()], ack: z.object({ id: z.string() }) } } }),
    forward: ["old-clients | c2s send ack.at | field removed (was required)"],
    backward: ["safe | c2s send ack.at | field added (required)"],
  },
  {
    rule: "an ack narrowed / widened on an event the server sends (clients answer)",
    old: chat({ s2c: { ping: { args: [], ack: z.enum(["pong", "busy"]) } } }),
    new: chat({ s2c: { ping: { args: [], ack: z.enum(["pong"]) } } }),
    forward: ['old-clients | s2c ping ack | value "busy" removed'],
    backward: ['old-servers | s2c ping ack | value "busy" added'],
  },
  {
    rule: "a custom error added / removed",
    old: chat({ c2s: { send: { args: [z.string()], ack: z.string() } } }),
    new: chat({
      c2s: { send: { args: [z.string()], ack: z.string(), errors: { ROOM_FULL: z.object({ capacity: z.number() }) } } },
    }),
    forward: ["safe | c2s send errors.ROOM_FULL | error code added"],
    backward: ["safe | c2s send errors.ROOM_FULL | error code removed"],
  },
  {
    rule: "a custom error's data changed",
    old: chat({
      c2s: { send: { args: [z.string()], ack: z.string(), errors: { ROOM_FULL: z.object({ capacity: z.number() }) } } },
    }),
    new: chat({
      c2s: {
        send: {
          args: [z.string()],
          ack: z.string(),
          errors: { ROOM_FULL: z.object({ capacity: z.number(), room: z.string() }) },
        },
      },
    }),
    forward: ["safe | c2s send errors.ROOM_FULL.room | data: field added (required)"],
    backward: ["old-clients | c2s send errors.ROOM_FULL.room | data: field removed (was required)"],
  },
  {
    rule: "auth: a required field added / removed",
    old: chat({ auth: z.object({ token: z.string() }) }),
    new: chat({ auth: z.object({ token: z.string(), device: z.string() }) }),
    forward: ["old-clients | /chat auth.device | field added (required)"],
    backward: ["old-servers | /chat auth.device | field removed (was required)"],
  },
  {
    rule: "auth: a schema added / removed",
    old: chat({}),
    new: chat({ auth: z.object({ token: z.string() }) }),
    forward: ["old-clients | /chat auth | auth schema added"],
    backward: ["old-servers | /chat auth | auth schema removed"],
  },
  {
    rule: "a namespace added / removed",
    old: chat({}),
    new: chat({ extra: { "/admin": { clientToServer: { kick: { args: [z.string()] } } } } }),
    forward: ["old-servers | /admin | namespace added"],
    backward: ["old-clients | /admin | namespace removed"],
  },
  {
    rule: "a union variant added to / removed from what clients receive",
    old: chat({ s2c: { drawn: { args: [Shape(["circle"])] } } }),
    new: chat({ s2c: { drawn: { args: [Shape(["circle", "square"])] } } }),
    forward: ['old-clients | s2c drawn args[0](kind="square") | variant added'],
    backward: ['safe | s2c drawn args[0](kind="square") | variant removed'],
  },
  {
    rule: "binary limits narrowed / widened on what clients send",
    old: chat({ c2s: { upload: { args: [z.object({ bytes: binary({ maxBytes: 2_000_000 }) })] } } }),
    new: chat({ c2s: { upload: { args: [z.object({ bytes: binary({ maxBytes: 1_000_000 }) })] } } }),
    forward: ["old-clients | c2s upload args[0].bytes | maxLength 2000000 → 1000000"],
    backward: ["old-servers | c2s upload args[0].bytes | maxLength 1000000 → 2000000"],
  },
  {
    rule: "an event between servers changed (a cluster mid-deploy breaks both ways)",
    old: chat({ s2s: { "cache:invalidate": { args: [z.string()] } } }),
    new: chat({ s2s: { "cache:invalidate": { args: [z.string().min(1)] } } }),
    forward: ["old-servers | s2s cache:invalidate args[0] | minLength none → 1"],
    backward: ["old-servers | s2s cache:invalidate args[0] | minLength 1 → none"],
  },
  {
    rule: "socket.data changed (nodes read each other's through fetchSockets)",
    old: chat({ data: z.object({ userId: z.string() }) }),
    new: chat({ data: z.object({ userId: z.string(), role: z.string() }) }),
    forward: ["old-servers | /chat data.role | field added (required)"],
    backward: ["old-servers | /chat data.role | field removed (was required)"],
  },
  {
    rule: "a description changed",
    old: chat({ c2s: { send: { description: "Send.", args: [z.string().describe("old words")] } } }),
    new: chat({ c2s: { send: { description: "Send a message.", args: [z.string().describe("new words")] } } }),
    forward: ["safe | c2s send | description changed"],
    backward: ["safe | c2s send | description changed"],
  },
  {
    rule: "a field added to the items a server streams / removed from them",
    old: chat({ c2s: { search: { args: [z.string()], stream: z.object({ id: z.string() }) } } }),
    new: chat({ c2s: { search: { args: [z.string()], stream: z.object({ id: z.string(), at: z.number() }) } } }),
    forward: ["safe | c2s search stream.at | field added (required)"],
    backward: ["old-clients | c2s search stream.at | field removed (was required)"],
  },
  {
    rule: "the items a client uploads through streamOf() narrowed / widened",
    old: chat({ c2s: { upload: { args: [z.string(), streamOf(z.string().max(10), { maxItems: 5 })] } } }),
    new: chat({ c2s: { upload: { args: [z.string(), streamOf(z.string().max(5), { maxItems: 3 })] } } }),
    forward: ["old-clients | c2s upload upload | maxLength 10 → 5", "old-clients | c2s upload upload | maxItems 5 → 3"],
    backward: [
      "old-servers | c2s upload upload | maxLength 5 → 10",
      "old-servers | c2s upload upload | maxItems 3 → 5",
    ],
  },
  {
    rule: "an event that starts / stops streaming",
    old: chat({ c2s: { search: { args: [z.string()], ack: z.array(z.string()) } } }),
    new: chat({ c2s: { search: { args: [z.string()], stream: z.string(), ack: z.array(z.string()) } } }),
    forward: ["old-clients+old-servers | c2s search stream | items the responder streams added"],
    backward: ["old-clients+old-servers | c2s search stream | items the responder streams removed"],
  },
];

describe("socket-contract diff: each rule, both ways", () => {
  it.each(rules)("$rule", ({ old, new: next, forward, backward }) => {
    const ahead = diffContracts(old, next);
    expect(ahead.changes.map(summary)).toEqual(forward);
    expect(ahead.breaking).toBe(forward.some((line) => !line.startsWith("safe")));
    expect(diffContracts(next, old).changes.map(summary)).toEqual(backward);
  });

  it("finds nothing between a contract and itself, or a copy with another version and key order", () => {
    const one = chat({
      c2s: { send: { args: [z.object({ a: z.string(), b: z.number() })], ack: z.string() } },
      s2c: { ping: { args: [] } },
    });
    const copy = defineContract({
      ...one,
      version: "9.9.9",
      namespaces: {
        "/chat": {
          serverToClient: { ping: { args: [] } },
          clientToServer: { send: { ack: z.string(), args: [z.object({ b: z.number(), a: z.string() })] } },
        },
      },
    });
    expect(diffContracts(one, one).changes).toEqual([]);
    expect(diffContracts(one, copy)).toMatchObject({
      breaking: false,
      changes: [],
      old: { version: "1.0.0" },
      new: { version: "9.9.9" },
    });
  });
});
