import { type Contract, defineContract } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diffContracts } from "../../src/diff/diff-contracts.js";
import { formatDiff } from "../../src/diff/format-diff.js";
import { versionFindings } from "../../src/diff/version-check.js";
import { type Sides, isSubset } from "../../src/diff/subset.js";

function contract(version: string, message: z.ZodType, extra: { tree?: z.ZodType } = {}): Contract {
  return defineContract({
    name: "chat",
    version,
    namespaces: {
      "/chat": {
        clientToServer: {
          "message:send": { args: [z.object({ text: z.string() })], ack: message },
          ...(extra.tree ? { "tree:put": { args: [extra.tree] } } : {}),
        },
        serverToClient: { message: { args: [message] } },
      },
    },
  });
}

describe("socket-contract diff: report", () => {
  it("prints a summary, then breaking changes first, each with where, what, whom and why", () => {
    const before = contract("1.0.0", z.object({ id: z.string(), text: z.string() }));
    const after = contract("1.1.0", z.object({ id: z.string(), text: z.string().nullable(), at: z.number() }));
    expect(formatDiff(diffContracts(before, after))).toBe(
      [
        "chat 1.0.0 → 1.1.0: 2 breaking changes, 2 safe",
        "",
        'BREAKING  /chat client → server "message:send" ack.text',
        "  type string → string | null",
        "  breaks old clients: the new server may send values old clients refuse",
        "",
        'BREAKING  /chat server → client "message" args[0].text',
        "  type string → string | null",
        "  breaks old clients: the new server may send values old clients refuse",
        "",
        'safe      /chat client → server "message:send" ack.at',
        "  field added (required)",
        "  old clients accept everything the new server sends",
        "",
        'safe      /chat server → client "message" args[0].at',
        "  field added (required)",
        "  old clients accept everything the new server sends",
        "",
      ].join("\n"),
    );
  });

  it("counts only the audiences asked for: a server deployed first cares about old clients alone", () => {
    const before = contract("1.0.0", z.object({ id: z.string() }));
    const after = defineContract({
      ...before,
      namespaces: {
        "/chat": {
          ...before.namespaces["/chat"]!,
          clientToServer: { ...before.namespaces["/chat"]!.clientToServer, extra: { args: [] } },
        },
      },
    });
    const report = diffContracts(before, after);
    expect(report.changes.map((change) => [change.event, change.breaks])).toEqual([["extra", ["old-servers"]]]);
    expect(formatDiff(report, ["old-clients"])).toContain(
      '0 breaking changes, 0 safe, 1 breaking only for old servers (not counted)\n\nignored   /chat client → server "extra"\n  event added\n  breaks old servers (not counted: --audience old-clients): new clients send it; old servers answer UNKNOWN_EVENT',
    );
    expect(formatDiff(report)).toContain(
      'BREAKING  /chat client → server "extra"\n  event added\n  breaks old servers: new clients send it; old servers answer UNKNOWN_EVENT',
    );
  });

  it("follows a shared schema into every event that uses it, and stops on recursion", () => {
    interface Folder {
      name: string;
      children: Folder[];
    }
    const FolderV1: z.ZodType<Folder> = z.lazy(() => z.object({ name: z.string(), children: z.array(FolderV1) }));
    const FolderV2: z.ZodType<Folder> = z.lazy(() =>
      z.object({ name: z.string().min(1), children: z.array(FolderV2) }),
    );
    const [MessageV1, MessageV2] = [z.object({ id: z.string() }), z.object({ id: z.uuid() })];
    const before = contract("1", MessageV1, { tree: FolderV1 });
    const after = contract("2", MessageV2, { tree: FolderV2 });
    const report = diffContracts(before, after, {
      old: { exports: { Folder: FolderV1, Message: MessageV1 } },
      new: { exports: { Folder: FolderV2, Message: MessageV2 } },
    });
    expect(report.changes.map((c) => `${c.event} ${c.part} ${c.path}: ${c.change}`)).toEqual([
      "message:send ack id: format none → uuid",
      "tree:put args [0].name: minLength none → 1",
      "message args [0].id: format none → uuid",
    ]);
  });

  it("reports a JSON-ready value: plain data, every field a string, array or boolean", () => {
    const report = diffContracts(contract("1", z.string()), contract("2", z.number()));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.changes[0]).toEqual({
      severity: "breaking",
      breaks: ["old-clients"],
      namespace: "/chat",
      direction: "clientToServer",
      event: "message:send",
      part: "ack",
      path: "",
      change: "type string → number",
      reason: "the new server may send values old clients refuse",
    });
  });
});

describe("socket-contract diff: versions", () => {
  const breakingFrom = (before: string, after: string) => {
    const report = diffContracts(contract(before, z.string()), contract(after, z.number()));
    return versionFindings(report, ["old-clients", "old-servers"], { old: "fnv1a64:a", new: "fnv1a64:b" }).map(
      (finding) => finding.message,
    );
  };

  it("a breaking change needs a major version; under 0.x a minor, under 0.0.x any bump, as npm's caret reads them", () => {
    expect(breakingFrom("1.4.2", "1.5.0")).toEqual([
      "1.4.2 → 1.5.0 is a minor release, but 2 changes break old clients: a breaking change needs a major version (2.0.0)",
    ]);
    expect(breakingFrom("1.4.2", "1.4.3")).toEqual([
      "1.4.2 → 1.4.3 is a patch release, but 2 changes break old clients: a breaking change needs a major version (2.0.0)",
    ]);
    expect(breakingFrom("1.4.2", "2.0.0")).toEqual([]);
    expect(breakingFrom("0.3.1", "0.3.2")).toEqual([
      "0.3.1 → 0.3.2 is a patch release, but 2 changes break old clients: a breaking change needs a new minor version under 0.x (0.4.0)",
    ]);
    expect(breakingFrom("0.3.1", "0.4.0")).toEqual([]);
    expect(breakingFrom("0.0.3", "0.0.4")).toEqual([]);
    expect(breakingFrom("2024-01", "2024-02")).toEqual([]);
  });

  it("a changed wire shape under the same version is flagged, a documentation change is not", () => {
    const same = diffContracts(contract("1.0.0", z.string()), contract("1.0.0", z.number()));
    expect(versionFindings(same, ["old-clients"], { old: "fnv1a64:a", new: "fnv1a64:b" })).toEqual([
      {
        kind: "unchanged-version",
        message:
          "the wire shape changed (fingerprint fnv1a64:a → fnv1a64:b) but the version is still 1.0.0, and 2 changes break old clients: clients and servers cannot tell the two contracts apart; bump the version",
      },
    ]);
    expect(versionFindings(same, ["old-clients"], { old: "fnv1a64:a", new: "fnv1a64:a" })).toEqual([]);
  });
});

describe("isSubset", () => {
  const none: Sides = { a: {}, b: {} };
  const cases: [string, object, object, boolean][] = [
    ["integer ⊆ number", { type: "integer" }, { type: "number" }, true],
    ["number ⊄ integer", { type: "number" }, { type: "integer" }, false],
    ["boolean ⊆ true | false", { type: "boolean" }, { anyOf: [{ const: true }, { const: false }] }, true],
    [
      "a record ⊆ a record of a wider value",
      { type: "object", additionalProperties: { type: "integer" } },
      { type: "object", additionalProperties: { type: "number" } },
      true,
    ],
    [
      "a stripping object ⊄ a strict one (it may carry unknown keys)",
      { type: "object", properties: {} },
      { type: "object", properties: {}, additionalProperties: false },
      false,
    ],
    [
      "a strict object ⊆ a stripping one",
      { type: "object", properties: {}, additionalProperties: false },
      { type: "object", properties: {} },
      true,
    ],
    [
      "a 2-tuple ⊆ an array of its item type",
      {
        type: "array",
        items: [{ type: "string" }, { type: "string" }],
        additionalItems: false,
        minItems: 2,
        maxItems: 2,
      },
      { type: "array", items: { type: "string" } },
      true,
    ],
    [
      "an array ⊄ a 2-tuple",
      { type: "array", items: { type: "string" } },
      { type: "array", items: [{ type: "string" }, { type: "string" }], additionalItems: false },
      false,
    ],
    ["a pattern ⊆ no pattern", { type: "string", pattern: "^a" }, { type: "string" }, true],
    ["no pattern ⊄ a pattern", { type: "string" }, { type: "string", pattern: "^a" }, false],
    ["exclusive 0 ⊆ minimum 0", { type: "number", exclusiveMinimum: 0 }, { type: "number", minimum: 0 }, true],
    ["minimum 0 ⊄ exclusive 0", { type: "number", minimum: 0 }, { type: "number", exclusiveMinimum: 0 }, false],
    ["multipleOf 10 ⊆ multipleOf 5", { type: "integer", multipleOf: 10 }, { type: "integer", multipleOf: 5 }, true],
    ['"a" ⊆ string up to 1', { const: "a" }, { type: "string", maxLength: 1 }, true],
    ['"ab" ⊄ string up to 1', { const: "ab" }, { type: "string", maxLength: 1 }, false],
    ["anything ⊄ string", {}, { type: "string" }, false],
  ];
  it.each(cases)("%s", (_name, a, b, expected) => {
    expect(isSubset(a as never, b as never, none)).toBe(expected);
  });
});
