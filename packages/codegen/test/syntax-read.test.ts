import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readBrandHints } from "../src/cli/load/brand-hints.js";
import { readLocalSources } from "../src/cli/load/source-files.js";
import { indentedLines } from "../src/emit/emit-parsers.js";
import { tempDir } from "./support/temp.js";

/** Writes files into a fresh folder and reads the first one (the contract) for syntax only. */
function sourcesOf(files: Record<string, string>) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, sources: readLocalSources(join(dir, Object.keys(files)[0]!)) };
}

describe("the syntax-only read of the contract's files", () => {
  it("follows relative imports written with .js, without extension and through re-exports, and leaves packages out", () => {
    const { dir, sources } = sourcesOf({
      "contract.ts": 'import { z } from "zod";\nimport { A } from "./a.js";\nexport * from "./b";\n',
      "a.ts": 'export { C } from "./c.js";\nexport const A = 1;\n',
      "b.ts": "export const B = 2;\n",
      "c.ts": "export const C = 3;\n",
      "unused.ts": "export const U = 4;\n",
    });
    expect(sources.map((source) => source.path).sort()).toEqual(
      ["a.ts", "b.ts", "c.ts", "contract.ts"].map((name) => join(dir, name)),
    );
  });

  it("ties brands on exported constants to their schemas and tells which need the checker", () => {
    const { sources } = sourcesOf({
      "contract.ts": [
        'export const UserId = z.string().brand<"UserId">();',
        'export const Cents = z.number().brand("Cents");',
        'export const Both = z.string().brand<"Both", "inout">();',
        "export const Typed = z.string().brand<typeof marker>();",
        "export const Plain = z.string().brand();",
      ].join("\n"),
    });
    const exports = { UserId: z.string(), Cents: z.number(), Both: z.string(), Typed: z.string(), Plain: z.string() };
    const hints = readBrandHints(sources, exports);
    expect(hints.untied).toBe(false);
    expect(hints.bySchema.get(exports.UserId)).toEqual([{ text: '"UserId"', direction: "out" }]);
    expect(hints.bySchema.get(exports.Cents)).toEqual([{ text: '"Cents"', direction: "out" }]);
    expect(hints.bySchema.get(exports.Both)).toEqual([{ text: '"Both"', direction: "inout" }]);
    expect(hints.bySchema.get(exports.Typed)).toBe("checker");
    // `.brand()` without a type brands nothing (its type parameter stays PropertyKey).
    expect(hints.bySchema.has(exports.Plain)).toBe(false);
  });

  it("a brand it cannot tie to an exported schema sends every schema to the checker", () => {
    const inline = readBrandHints(
      sourcesOf({ "contract.ts": 'const args = [z.object({ id: z.string().brand<"Id">() })];' }).sources,
      {},
    );
    expect(inline.untied).toBe(true);
    const unexported = readBrandHints(sourcesOf({ "contract.ts": 'const Id = z.string().brand<"Id">();' }).sources, {});
    expect(unexported.untied).toBe(true);
  });
});

describe("Zod's parser bodies, indented by their braces", () => {
  it("indents blocks, closes a level on a leading brace, and ignores braces inside strings", () => {
    const body = 'return (input) => {\nif (a) {\nconst v = { "k{": v0 };\n} else {\nv = "}";\n}\nreturn v;\n}';
    expect(indentedLines(body)).toEqual([
      "return (input) => {",
      "  if (a) {",
      '    const v = { "k{": v0 };',
      "  } else {",
      '    v = "}";',
      "  }",
      "  return v;",
      "}",
    ]);
  });
});
