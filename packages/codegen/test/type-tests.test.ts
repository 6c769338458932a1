import { join } from "node:path";
import tsdModule from "tsd";
import { expect, it } from "vitest";
import { codegenRoot } from "./support/cli.js";

type Tsd = (options: {
  cwd: string;
  typingsFile: string;
  testFiles: string[];
}) => Promise<{ fileName: string; line?: number; message: string }[]>;
// tsd is CommonJS: under Node's ESM interop its function may sit on `default` twice.
const tsd = ((tsdModule as unknown as { default?: Tsd }).default ?? tsdModule) as unknown as Tsd;

// tsd checks test-d/*.test-d.ts against the chat golden: each expectError must fail to compile,
// each expectType must match exactly, and nothing else may error.
it("the generated wrappers pass their tsd type tests", { timeout: 180_000 }, async () => {
  const cwd = join(codegenRoot, "test-d");
  const diagnostics = await tsd({
    cwd,
    typingsFile: "../test/fixtures/chat/golden/index.ts",
    testFiles: ["*.test-d.ts"],
  });
  expect(
    diagnostics.map((diagnostic) => `${diagnostic.fileName}:${diagnostic.line ?? 0} ${diagnostic.message}`),
  ).toEqual([]);
});
