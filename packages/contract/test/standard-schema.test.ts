import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { binary, ContractDefinitionError, contractFingerprint, defineContract, streamOf } from "../src/index.js";
import {
  checkOutgoing,
  compileEvent,
  compileEvents,
  installStandardSchema,
  parseArgs,
  parseValue,
} from "../src/protocol/index.js";

// What the server and the Node client install when they bind (a page calls enableStandardSchema()).
installStandardSchema();

const valibotRoom = toStandardJsonSchema(
  v.object({
    room: v.string(),
    text: v.pipe(v.string(), v.minLength(1)),
    tags: v.optional(v.record(v.string(), v.number())),
  }),
);
const arkRoom = type({ room: "string", text: "string > 0", "tags?": "Record<string, number>" });
const zodRoom = z.object({
  room: z.string(),
  text: z.string().min(1),
  tags: z.record(z.string(), z.number()).optional(),
});

function define(event: Record<string, unknown>, namespace: Record<string, unknown> = {}) {
  return () =>
    defineContract({
      name: "chat",
      version: "1",
      namespaces: { "/chat": { ...namespace, clientToServer: { send: event } } },
    } as never);
}

describe("Standard Schema in a contract", () => {
  it("takes Valibot, ArkType and Zod schemas side by side, binary() included", () => {
    const contract = defineContract({
      name: "chat",
      version: "1",
      namespaces: {
        "/chat": {
          auth: type({ token: "string > 0" }),
          data: v.object({ userId: v.string() }),
          clientToServer: {
            send: {
              args: [valibotRoom, arkRoom, zodRoom, binary()],
              ack: type("string"),
              errors: { ROOM_FULL: v.object({ capacity: v.number() }) },
            },
          },
        },
      },
    });
    expect(Object.keys(contract.namespaces)).toEqual(["/chat"]);
  });

  it("takes other libraries' schemas for streamed items, both ways", () => {
    const define = () =>
      defineContract({
        name: "files",
        version: "1",
        namespaces: {
          "/files": {
            clientToServer: {
              upload: { args: [type({ name: "string" }), streamOf(v.string(), { window: 4 })], ack: type("number") },
              tail: { args: [v.string()], stream: type({ line: "string" }) },
            },
          },
        },
      });
    expect(define).not.toThrow();
  });

  const refused: [string, () => unknown, string][] = [
    [
      "a Valibot async schema",
      define({ args: [v.objectAsync({ room: v.string() })] }),
      'namespaces["/chat"].clientToServer["send"].args[0]: this schema validates asynchronously',
    ],
    [
      "a Valibot async pipe as ack",
      define({
        args: [],
        ack: v.pipeAsync(
          v.string(),
          v.checkAsync(async () => true),
        ),
      }),
      '["send"].ack: this schema validates asynchronously',
    ],
    [
      "a Zod async refinement deep inside",
      define({ args: [z.object({ room: z.string().refine(async () => true) })] }),
      '["send"].args[0]: this schema validates asynchronously',
    ],
    [
      "a Zod async transform as error data",
      define({ args: [], errors: { BAD: z.string().transform(async (s) => s) } }),
      '.errors["BAD"]: this schema validates asynchronously',
    ],
    [
      "an async streamed item",
      define({ args: [], stream: v.objectAsync({}) }),
      '["send"].stream: this schema validates asynchronously',
    ],
    [
      "an async uploaded item",
      define({ args: [streamOf(v.objectAsync({}))] }),
      '["send"].args[0].item: this schema validates asynchronously',
    ],
    [
      "an async auth",
      define({ args: [] }, { auth: v.objectAsync({}) }),
      'namespaces["/chat"].auth: this schema validates asynchronously',
    ],
    [
      "something with a ~standard of another version",
      define({ args: [{ "~standard": { version: 2, validate: () => ({ value: 1 }) } }] }),
      "args[0]: expected a schema (Zod, or any Standard Schema v1",
    ],
  ];
  for (const [name, run, message] of refused) {
    it(`refuses ${name} when the contract is defined, naming the place`, () => {
      expect(run).toThrow(ContractDefinitionError);
      expect(run).toThrow(message);
    });
  }
});

const libraries = [
  ["Valibot", valibotRoom],
  ["ArkType", arkRoom],
  ["Zod", zodRoom],
] as const;

describe.each(libraries)("%s arguments on the wire", (_name, schema) => {
  const event = compileEvent("send", { args: [z.string(), schema] });

  it("gives the parsed values to the handler", () => {
    expect(parseArgs(event, ["a", { room: "lobby", text: "hi" }])).toEqual({
      ok: true,
      value: ["a", { room: "lobby", text: "hi" }],
    });
  });

  it("reports issues with paths from the argument index, a code, and no input in messages or paths", () => {
    const secret = "s3cr3t-value";
    const parsed = parseArgs(event, ["a", { room: 42, text: "", tags: { [secret]: secret } }]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.issues.map((issue) => issue.path).sort((a, b) => String(a).localeCompare(String(b)));
    expect(paths).toEqual([
      [1, "room"],
      [1, "tags", "*"],
      [1, "text"],
    ]);
    for (const issue of parsed.issues) {
      expect(issue.code).toMatch(/^[A-Za-z_]+$/);
      expect(issue.message).not.toContain(secret);
      expect(issue.message).not.toContain("42");
    }
  });

  it("keeps arity strict", () => {
    const parsed = parseArgs(event, ["a"]);
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.code)).toEqual(["missing_argument"]);
  });
});

describe("non-Zod validators at run time", () => {
  it("turns a validator that throws into an issue, not a crash", () => {
    const throwing = {
      "~standard": {
        version: 1 as const,
        vendor: "x",
        validate: () => {
          throw new Error("internal detail");
        },
      },
    };
    const parsed = parseValue(throwing, 1, [0]);
    expect(parsed).toMatchObject({
      ok: false,
      issues: [{ path: [0], code: "custom", message: "The value could not be parsed" }],
    });
  });

  it("refuses a promise that a validator answers with later, without waiting for it", () => {
    let calls = 0;
    const fickle = {
      "~standard": {
        version: 1 as const,
        vendor: "x",
        validate: (value: unknown) => (calls++ === 0 ? { value } : Promise.resolve({ value })),
      },
    };
    expect(() => define({ args: [fickle] })()).not.toThrow();
    expect(parseValue(fickle, 1, [2])).toMatchObject({ ok: false, issues: [{ path: [2], code: "async_schema" }] });
  });

  it("rebuilds ArkType's union messages from what the schema expected, without the received value", () => {
    const parsed = parseValue(type({ kind: "'a' | 'b'" }), { kind: "zzz-secret" }, [0]);
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: [0, "kind"], message: 'Expected "a" or "b"' }] });
  });

  it("keeps a top-level ArkType issue's path at the argument index", () => {
    expect(parseValue(type("boolean"), "yes", [1])).toMatchObject({
      ok: false,
      issues: [{ path: [1], message: "Expected boolean" }],
    });
  });

  it("sends Valibot's parsed value (unknown keys stripped) where input and output JSON Schemas agree", () => {
    const args: unknown[] = [{ room: "r", text: "t", passwordHash: "x" }];
    checkOutgoing(compileEvents({ send: { args: [valibotRoom] } }), "send", args, "/chat");
    expect(args).toEqual([{ room: "r", text: "t" }]);
  });

  it("sends ArkType's parsed value, which keeps unknown keys unless the type deletes them", () => {
    const keeps: unknown[] = [{ room: "r", passwordHash: "x" }];
    checkOutgoing(compileEvents({ send: { args: [type({ room: "string" })] } }), "send", keeps, "/chat");
    expect(keeps).toEqual([{ room: "r", passwordHash: "x" }]);
    const deletes: unknown[] = [{ room: "r", passwordHash: "x" }];
    checkOutgoing(
      compileEvents({ send: { args: [type({ "+": "delete", room: "string" })] } }),
      "send",
      deletes,
      "/chat",
    );
    expect(deletes).toEqual([{ room: "r" }]);
  });

  it("sends a value as given where a transform changes its JSON Schema", () => {
    const args: unknown[] = ["42"];
    checkOutgoing(compileEvents({ send: { args: [type("string.numeric.parse")] } }), "send", args, "/chat");
    expect(args).toEqual(["42"]);
  });

  it("fingerprints a non-Zod schema by its JSON Schema", () => {
    const make = (text: v.GenericSchema) =>
      defineContract({
        name: "c",
        version: "1",
        namespaces: { "/": { clientToServer: { e: { args: [toStandardJsonSchema(v.object({ text }) as never)] } } } },
      });
    expect(contractFingerprint(make(v.string()))).toBe(contractFingerprint(make(v.string())));
    expect(contractFingerprint(make(v.string()))).not.toBe(contractFingerprint(make(v.number())));
  });

  it("leaves documentation out of a non-Zod schema's fingerprint, as it does for Zod: names, descriptions, titles", () => {
    const make = (...args: unknown[]) =>
      defineContract({ name: "c", version: "1", namespaces: { "/": { clientToServer: { e: { args } } } } } as never);
    const plain = toStandardJsonSchema(v.object({ name: v.string(), title: v.optional(v.string()) }));
    const documented = toStandardJsonSchema(
      v.pipe(
        v.object({
          name: v.pipe(v.string(), v.description("Who")),
          title: v.optional(v.pipe(v.string(), v.title("T"))),
        }),
        v.metadata({ name: "person" }),
        v.description("A person."),
      ),
    );
    expect(contractFingerprint(make(documented))).toBe(contractFingerprint(make(plain)));
    expect(contractFingerprint(make(type("string").configure({ name: "room" } as never)))).toBe(
      contractFingerprint(make(type("string"))),
    );
    // Properties called "name" or "title" are shape, not documentation.
    expect(contractFingerprint(make(plain))).not.toBe(
      contractFingerprint(make(toStandardJsonSchema(v.object({ title: v.optional(v.string()) })))),
    );
    expect(contractFingerprint(make(plain))).not.toBe(
      contractFingerprint(make(toStandardJsonSchema(v.object({ name: v.string() })))),
    );
  });
});
