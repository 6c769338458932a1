import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { scope, type } from "arktype";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileEvent, installStandardSchema, parseArgs } from "../src/protocol/index.js";

// What the server and the Node client install when they bind (a page calls enableStandardSchema()).
installStandardSchema();

/** `{ title, children: [{ title, children: [...] }] }`, `levels` objects deep. */
function tree(levels: number): unknown {
  let node: unknown = { title: "leaf", children: [] };
  for (let level = 1; level < levels; level++) node = { title: `level ${level}`, children: [node] };
  return node;
}

/** A value nested `levels` arrays deep. */
function nested(levels: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
}

interface Tree {
  title: string;
  children: Tree[];
}
const ValibotTree: v.GenericSchema<Tree> = v.object({
  title: v.string(),
  children: v.array(v.lazy(() => ValibotTree)),
});
const arkTree = scope({ node: { title: "string", children: "node[]" } }).export().node;

const receive = (schema: unknown, value: unknown) =>
  parseArgs(compileEvent("save", { args: [schema] } as never, { maxDepth: 128 }), [value]);

// Only a recursive schema can follow input deeper than it is written; for Valibot and ArkType the
// runtime reads recursion from the Standard JSON Schema (a `$ref`), so a schema of fixed shape
// costs no walk of each value before it is validated, as a Zod schema of fixed shape costs none.
describe("depth limit under Valibot and ArkType schemas", () => {
  it("refuses input deeper than maxDepth under a recursive schema, or one without JSON Schema, before the library parses it", () => {
    // A Valibot schema not wrapped in toStandardJsonSchema() offers no JSON Schema: nothing tells it bounded.
    for (const schema of [toStandardJsonSchema(ValibotTree), arkTree, ValibotTree]) {
      expect(receive(schema, tree(200))).toEqual({
        ok: false,
        issues: [{ path: [0], code: "too_deep", message: "Nested deeper than 128 levels" }],
      });
      expect(receive(schema, tree(20)).ok).toBe(true);
    }
  });

  it("lets a schema of fixed shape decide, as Zod's does: an unknown field takes a deep value", () => {
    const deep = { id: "a", extra: nested(300) };
    for (const schema of [
      toStandardJsonSchema(v.object({ id: v.string(), extra: v.unknown() })),
      type({ id: "string", extra: "unknown" }),
      z.object({ id: z.string(), extra: z.unknown() }),
    ]) {
      const result = receive(schema, deep);
      expect(result.ok).toBe(true);
    }
  });
});
