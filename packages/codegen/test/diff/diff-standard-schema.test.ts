import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type Contract, defineContract } from "@socket-contract/contract";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffContracts } from "../../src/diff/diff-contracts.js";

/** The chat's "message:send" with its payload and ack schemas of any library. */
function chat(payload: unknown, ack: unknown): Contract {
  return defineContract({
    name: "chat",
    version: "1.0.0",
    namespaces: { "/chat": { clientToServer: { "message:send": { args: [payload as never], ack: ack as never } } } },
  });
}

const vSend = (text: v.GenericSchema<string>) => toStandardJsonSchema(v.object({ room: v.string(), text }));
const vAck = toStandardJsonSchema(v.object({ id: v.string() }));

describe("socket-contract diff on schemas of other Standard Schema libraries", () => {
  it("a required field added to what a client sends, in a Valibot schema, breaks old clients", () => {
    const old = chat(vSend(v.string()), vAck);
    const next = chat(
      toStandardJsonSchema(v.object({ room: v.string(), text: v.string(), priority: v.number() })),
      vAck,
    );
    const diff = diffContracts(old, next);
    expect(diff.breaking).toBe(true);
    expect(diff.changes).toMatchObject([
      {
        severity: "breaking",
        breaks: ["old-clients"],
        event: "message:send",
        part: "args",
        path: "[0].priority",
        change: "field added (required)",
      },
    ]);
  });

  it("a Valibot limit narrowed on what clients send breaks old clients, and widening it back breaks nobody going forward", () => {
    const old = chat(vSend(v.pipe(v.string(), v.maxLength(2000))), vAck);
    const next = chat(vSend(v.pipe(v.string(), v.maxLength(500))), vAck);
    expect(
      diffContracts(old, next).changes.map(
        (change) => `${change.breaks.join("+") || "safe"} ${change.path} ${change.change}`,
      ),
    ).toEqual(["old-clients [0].text maxLength 2000 → 500"]);
    expect(diffContracts(next, old).changes.map((change) => change.breaks.join("+"))).toEqual(["old-servers"]);
  });

  it("the same contract written with Zod, Valibot and ArkType has no change between any two", () => {
    const zod = chat(z.object({ room: z.string(), text: z.string() }), z.object({ id: z.string() }));
    const valibot = chat(vSend(v.string()), vAck);
    const arktype = chat(type({ room: "string", text: "string" }), type({ id: "string" }));
    for (const [a, b] of [
      [zod, valibot],
      [valibot, zod],
      [zod, arktype],
      [arktype, valibot],
    ] as const)
      expect(diffContracts(a, b).changes).toEqual([]);
  });
});
