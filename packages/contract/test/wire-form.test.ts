import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as zm from "zod/mini";
import { binary } from "../src/index.js";
import { sendsParsedValue } from "../src/protocol/wire-form.js";

const toNumber = z.string().transform(Number);

describe("sendsParsedValue: whether a schema's output may travel as input", () => {
  it("is true for a schema that only strips, fills and checks, at any depth", () => {
    const plain = [
      z.object({ id: z.string().trim(), tags: z.array(z.string()).default([]) }),
      z.tuple([z.number()], z.boolean()),
      z.record(z.string(), z.union([z.string(), z.number().optional()])),
      z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })),
      z.set(z.string()),
      z.map(z.string(), z.number()),
      z.object({ photo: binary({ maxBytes: 10 }) }),
      zm.object({ room: zm.string().check(zm.minLength(1)) }),
    ];
    for (const schema of plain) expect(sendsParsedValue(schema)).toBe(true);
  });

  it("is false for a transform, a pipe, a promise or a function wherever it stands", () => {
    const transforming = [
      toNumber,
      z.string().pipe(z.string()),
      z.object({ at: toNumber }),
      z.object({}).catchall(toNumber),
      z.array(z.object({ n: toNumber.optional() })),
      z.tuple([z.string()], toNumber),
      z.record(z.string(), toNumber),
      z.map(z.string(), toNumber),
      z.set(toNumber),
      z.union([z.string(), z.object({ n: toNumber })]),
      z.intersection(z.object({ a: z.string() }), z.object({ b: toNumber })),
      z.lazy(() => z.object({ n: toNumber })),
      z.promise(z.string()),
      zm.object({ at: zm.pipe(zm.string(), zm.transform(Number)) }),
    ];
    for (const schema of transforming) expect(sendsParsedValue(schema)).toBe(false);
  });

  it("ends on a recursive schema, false only where a transform is inside", () => {
    type Tree = { name: string; children: Tree[] };
    const Tree: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(Tree) }));
    type Parsed = { name: number; children: Parsed[] };
    const Parsed: z.ZodType<Parsed, { name: string; children: unknown[] }> = z.lazy(() =>
      z.object({ name: toNumber, children: z.array(Parsed) }),
    );
    expect(sendsParsedValue(Tree)).toBe(true);
    expect(sendsParsedValue(Parsed)).toBe(false);
  });
});
