import { bindClient, ContractError } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { isCompiled, prepareSchema } from "@socket-contract/contract/internal";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, rawAck, startServer } from "../support/util.js";

// The runtime calls Zod's compiled parser directly and, only where it refuses a value, parses the
// value again with Zod's ordinary parser for its issues. What a user is told about a refused value
// must be exactly what safeParse finds, in every place a value is checked: an incoming event, an
// outgoing emit, an ack a handler returns, and an ack that arrives.

const Line = z.object({ sku: z.string().regex(/^[A-Z]{3}-\d+$/), qty: z.number().int().positive() });
const Order = z.object({ id: z.string().min(3), lines: z.array(Line).min(1), note: z.string().max(10).optional() });
const Total = z.object({ total: z.number().nonnegative(), currency: z.enum(["EUR", "USD"]) });

const contract = defineContract({
  name: "orders",
  version: "1.0.0",
  namespaces: {
    "/": {
      clientToServer: {
        "order:place": { args: [z.string(), Order, z.boolean().optional()], ack: Total },
      },
    },
  },
});

/** An order wrong in four places at once, two of them in the same line. */
const badOrder = {
  id: "o",
  lines: [
    { sku: "ABC-1", qty: 2 },
    { sku: "abc", qty: 1.5 },
  ],
  note: "far too long a note",
};
const badTotal = { total: -3, currency: "GBP" };

/** The issues safeParse finds, as the runtime reports them (paths under `prefix`, codes, messages). */
function issuesOf(schema: z.ZodType, value: unknown, prefix: (string | number)[]) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("the value must be invalid");
  return result.error.issues.map((issue) => ({
    path: [...prefix, ...issue.path],
    code: issue.code,
    message: issue.message,
  }));
}

describe("a value the compiled parser refuses is reported with exactly safeParse's issues", () => {
  it("uses the compiled parsers here, or this test proves nothing", async () => {
    const { io } = await startServer();
    bindServer(contract, io);
    for (const schema of [Order, Total]) expect(isCompiled(prepareSchema(schema))).toBe(true);
  });

  it("on an incoming event: the sender's INVALID_PAYLOAD, paths from the argument's index", async () => {
    const { io, url } = await startServer();
    const calls: unknown[] = [];
    bindServer(contract, io)
      .of("/")
      .on("connection", (socket) => {
        socket.on("order:place", (...args) => {
          calls.push(args);
          return { total: 1, currency: "EUR" as const };
        });
      });
    const raw = client(url, "/");
    await connected(raw);
    const answer = await rawAck(raw, "order:place", "c1", badOrder, true);
    expect(answer.error.code).toBe("INVALID_PAYLOAD");
    expect(answer.error.issues).toEqual(issuesOf(Order, badOrder, [1]));
    expect(answer.error.issues.map((issue: { path: unknown[]; code: string }) => [issue.path, issue.code])).toEqual([
      [[1, "id"], "too_small"],
      [[1, "lines", 1, "sku"], "invalid_format"],
      [[1, "lines", 1, "qty"], "invalid_type"],
      [[1, "note"], "too_big"],
    ]);
    // Two arguments wrong: both are reported. An omitted optional argument (null on the wire) is valid.
    const both = await rawAck(raw, "order:place", 7, badOrder, null);
    expect(both.error.issues).toEqual([...issuesOf(z.string(), 7, [0]), ...issuesOf(Order, badOrder, [1])]);
    const valid = await rawAck(raw, "order:place", "c1", { id: "o-1", lines: [{ sku: "ABC-1", qty: 2 }] }, null);
    expect(valid).toEqual({ ok: true, data: { total: 1, currency: "EUR" } });
    expect(calls).toEqual([["c1", { id: "o-1", lines: [{ sku: "ABC-1", qty: 2 }] }, undefined]]);
  });

  it("on an outgoing emit: the caller's INVALID_PAYLOAD, and nothing is sent", async () => {
    const { io, url } = await startServer();
    let received = 0;
    io.on("connection", (socket) => socket.onAny(() => received++));
    const bound = bindClient(contract, "/", client(url, "/"));
    await connected(bound.socket);
    const error = await bound.emit("order:place", "c1", badOrder as never, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "INVALID_PAYLOAD", event: "order:place" });
    expect((error as ContractError).issues).toEqual(issuesOf(Order, badOrder, [1]));
    expect(received).toBe(0);
  });

  it("on an ack a handler returns: INVALID_ACK to the caller, with the ack's issues", async () => {
    const { io, url } = await startServer();
    bindServer(contract, io, { onError: () => {} })
      .of("/")
      .on("connection", (socket) => {
        socket.on("order:place", () => badTotal as never);
      });
    await expectInvalidTotal(url);
  });

  it("on an ack that arrives: INVALID_ACK from the client's own check, with the ack's issues", async () => {
    const { io, url } = await startServer();
    // A server without the runtime, so nothing checks the ack before it leaves.
    io.on("connection", (socket) => {
      socket.on("order:place", (_c: unknown, _o: unknown, _f: unknown, ack: (envelope: unknown) => void) =>
        ack({ ok: true, data: badTotal }),
      );
    });
    await expectInvalidTotal(url);
  });
});

/** Places a valid order through a bound client; its ack carries `badTotal`, refused with the ack's issues. */
async function expectInvalidTotal(url: string): Promise<void> {
  const bound = bindClient(contract, "/", client(url, "/"));
  await connected(bound.socket);
  const error = await bound
    .emit("order:place", "c1", { id: "o-1", lines: [{ sku: "ABC-1", qty: 2 }] }, undefined)
    .catch((e) => e);
  expect(error).toMatchObject({ code: "INVALID_ACK", event: "order:place" });
  expect((error as ContractError).issues).toEqual(issuesOf(Total, badTotal, []));
}
