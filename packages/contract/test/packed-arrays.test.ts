import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileFn } from "zod/v4/core";
import { type ParserFactory, withCodeHook } from "../src/protocol/precompiled.js";
import { packArrayLoops } from "../src/protocol/packed-arrays.js";

// Node 20 evaluates Zod's compiled parsers with their output arrays packed (packed-arrays.ts), so
// that Socket.IO's encoder serializes what they build as fast as what a sender builds. Here the
// rewrite runs on any engine: what a parser returns must be exactly what Zod's code returns, holes,
// lengths and nesting included, and code of any other shape must be left as it is.

const NativeFunction = Function;

/** Zod's compiled parser of `schema`, evaluated from its code as `rewrite` gives it; and whether the rewrite changed it. */
function compiledWith(schema: z.ZodType, rewrite: (body: string) => string) {
  let changed = false;
  const parse = withCodeHook(
    (params, body) => {
      const code = rewrite(body);
      changed ||= code !== body;
      return Reflect.construct(NativeFunction, [...params, code]) as ParserFactory;
    },
    () => compileFn(schema),
  );
  return { parse, changed };
}

const INVALID = Symbol.for("zod.compile.invalid");

/** An array of `length` with holes but at the given places. */
const holey = (length: number, values: Record<number, unknown> = {}): unknown[] =>
  Object.assign(new Array<unknown>(length), values);

const cases: [string, z.ZodType, unknown[]][] = [
  ["strings", z.array(z.string()), [[], ["a", "b"], ["a", 1], "a"]],
  [
    "optional elements",
    z.array(z.string().optional()),
    [[undefined, "a"], holey(2, { 1: "a" }), holey(2), ["a", null]],
  ],
  [
    "objects holding arrays",
    z.array(z.object({ tags: z.array(z.string().max(3)).max(3), at: z.number() })).min(1),
    [
      [],
      [{ tags: ["a"], at: 1, extra: true }],
      [{ tags: ["a", "b", "c", "d"], at: 1 }],
      [{ tags: [], at: 2 }, { at: 3 }],
    ],
  ],
  ["nested arrays", z.array(z.array(z.number().int())), [[[1, 2], [], [3]], [[1.5]], [holey(2, { 1: 1 })]]],
  ["records in arrays", z.array(z.record(z.string(), z.number())), [[{ a: 1 }, {}], [{ a: "x" }]]],
];

describe("packed output arrays", () => {
  for (const [name, schema, inputs] of cases) {
    it(`parses ${name} exactly as Zod's own code does`, () => {
      const zods = compiledWith(schema, (body) => body).parse;
      const packed = compiledWith(schema, packArrayLoops);
      for (const input of inputs) {
        const expected = zods(input);
        const got = packed.parse(input);
        expect(got).toStrictEqual(expected);
        const parsed = schema.safeParse(input);
        expect(got === INVALID ? undefined : got).toStrictEqual(parsed.success ? parsed.data : undefined);
      }
    });
  }

  it("packs the arrays of Zod's array checks", () => {
    expect(compiledWith(cases[0]![1], packArrayLoops).changed).toBe(true);
    expect(compiledWith(cases[2]![1], packArrayLoops).changed).toBe(true);
  });

  it("leaves a loop alone where something could skip the write", () => {
    const skips = [
      "const v1 = new Array(v0.length);\nfor (let v2 = 0; v2 < v0.length; v2++) {\n  if (v0[v2] === 0) continue;\n  v1[v2] = v0[v2];\n}\nreturn v1;",
      "const v1 = new Array(v0.length);\nfor (let v2 = 0; v2 < v0.length; v2++) {\n  const v3 = v0[v2];\n}\nreturn v1;",
      "const v1 = new Array(v0.length);\nfor (let v2 = 0; v2 < v0.length; v2++) {\n  if (v0[v2]) {\n    v1[v2] = v0[v2];\n  }\n}\nreturn v1;",
    ];
    for (const body of skips) expect(packArrayLoops(body)).toBe(body);
    const packed = packArrayLoops(
      "const v1 = new Array(v0.length);\nfor (let v2 = 0; v2 < v0.length; v2++) {\n  const v3 = v0[v2];\n  v1[v2] = v3;\n}\nreturn v1;",
    );
    expect(packed.startsWith("const v1 = [];\n")).toBe(true);
  });
});
