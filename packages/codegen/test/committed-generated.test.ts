import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir, goldenCases, repoRoot, runCli } from "./support/cli.js";
import { committedGeneratedRoots } from "./support/generated-roots.js";

// CI fails when any committed generated file is stale. Fixture goldens are checked by
// golden.test.ts; this covers every other out dir in the repository (examples, apps).
const roots = committedGeneratedRoots(repoRoot);
const others = roots.filter((root) => relative(fixturesDir, root.outDir).startsWith(".."));

it("finds committed generated out dirs by their banner (the fixture goldens among them)", () => {
  const found = roots.map((root) => root.outDir).sort();
  for (const fixture of goldenCases()) expect(found).toContain(fixture.golden);
  for (const fixture of goldenCases())
    expect(roots.find((root) => root.outDir === fixture.golden)?.exportName).toBe(fixture.exportName);
});

describe.each(others.map((root) => ({ ...root, name: relative(repoRoot, root.outDir) })))(
  "committed output $name",
  (root) => {
    it("is what socket-contract generate writes today", { timeout: 180_000 }, async () => {
      const result = await runCli([
        "generate",
        root.contract,
        "--out",
        root.outDir,
        "--export",
        root.exportName,
        "--check",
      ]);
      expect(result.stdout + result.stderr).toMatch(/^up to date/);
      expect(result.code).toBe(0);
    });
  },
);
