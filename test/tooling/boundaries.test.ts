import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The package boundaries of DESIGN.md fail `npm run lint`: forbidden imports are planted in a
// temporary tree that carries the repository's lint configuration, and the linter must name each
// one by rule and file; the repository itself must pass.

const root = fileURLToPath(new URL("../..", import.meta.url));
const biome = join(root, "node_modules/.bin/biome");
const script = join(root, "scripts/check-boundaries.mjs");

interface Run {
  readonly code: number;
  readonly out: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, out: stdout + stderr });
    });
  });
}

/** Each forbidden arrow, the file it is planted in, and the rule that must name it. */
const planted: readonly { file: string; source: string; rule: string }[] = [
  {
    file: "packages/contract/src/uses-socket-io.ts",
    source: 'import "socket.io";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/contract/src/uses-client-lib.ts",
    source: 'export { io } from "socket.io-client";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/contract/src/uses-runtime.ts",
    source: 'import "@socket-contract/server";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/codegen/src/uses-runtime.ts",
    source: 'export const load = () => import("@socket-contract/client");',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/codegen/bin/uses-runtime.js",
    source: 'import "../../runtime-server/src/index.js";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/runtime-server/src/uses-client.ts",
    source: 'import "@socket-contract/client";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/runtime-client/src/uses-server.ts",
    source: 'import "../../runtime-server/src/socket.js";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/codegen/test/uses-example.ts",
    source: 'import "../../../examples/chat/contract/src/contract.js";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/opentelemetry/src/deep/uses-bench.ts",
    source: 'import "../../../../bench/src/contract.js";',
    rule: "lint/style/noRestrictedImports",
  },
  {
    file: "packages/codegen/test/docs/uses-repo-test.ts",
    source: 'import "../../../../test/support/util.js";',
    rule: "boundaries/noPackageToRepoTests",
  },
  {
    file: "packages/contract/test-d/uses-repo-test.ts",
    source: 'export * from "../../../test/fixtures/chat-contract.js";',
    rule: "boundaries/noPackageToRepoTests",
  },
];

/** Imports that cross no boundary: tests may use socket.io, and a package may read its own test/. */
const allowed: readonly { file: string; source: string }[] = [
  { file: "packages/contract/test/uses-socket-io.ts", source: 'import "socket.io";' },
  { file: "packages/codegen/test-d/uses-own-test.ts", source: 'import "../test/fixtures/chat/contract.js";' },
  { file: "packages/runtime-client/src/uses-contract.ts", source: 'import "@socket-contract/contract";' },
];

describe("package boundaries", () => {
  let tree: string;

  beforeAll(() => {
    tree = mkdtempSync(join(tmpdir(), "socket-contract-boundaries-"));
    cpSync(join(root, "biome.jsonc"), join(tree, "biome.jsonc"));
    for (const { file, source } of [...planted, ...allowed]) {
      mkdirSync(join(tree, dirname(file)), { recursive: true });
      writeFileSync(join(tree, file), `${source}\n`);
    }
  });
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it("fail the linter on every forbidden import, naming its rule and its file, and on no other", async () => {
    const lint = await run(
      biome,
      ["lint", "--vcs-enabled=false", "--reporter=github", "--max-diagnostics=none", "."],
      tree,
    );
    const boundaries = await run(process.execPath, [script, tree], root);
    expect(lint.code).not.toBe(0);
    expect(boundaries.code).toBe(1);
    const found = [
      ...[...lint.out.matchAll(/^::error title=([^,]+),file=([^,]+),line=\d+/gm)].map(([, rule, file]) => ({
        file: file!.slice(tree.length + 1),
        rule,
      })),
      ...[...boundaries.out.matchAll(/^(\S+):\d+ (boundaries\/\w+):/gm)].map(([, file, rule]) => ({ file, rule })),
    ];
    const expected = planted.map(({ file, rule }) => ({ file, rule }));
    const byFile = (a: { file?: string }, b: { file?: string }) => a.file!.localeCompare(b.file!);
    expect(found.sort(byFile)).toEqual([...expected].sort(byFile));
  }, 60_000);

  it("pass on the repository as it is", async () => {
    const lint = await run(biome, ["lint", "--error-on-warnings", "."], root);
    expect(lint.out).toMatch(/Checked \d+ files/);
    expect(lint.code).toBe(0);
    const boundaries = await run(process.execPath, [script], root);
    expect(boundaries.out).toBe("check-boundaries: no package imports the repository's test/.\n");
    expect(boundaries.code).toBe(0);
  }, 60_000);
});
