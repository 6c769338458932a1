import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tempDir } from "./support/temp.js";

// A .ts contract of a CommonJS project (no "type": "module") that ends with `export default contract`.
// Loaded as CommonJS, its module.exports ({ __esModule: true, default: contract }) reached the CLI
// as the namespace's `default`, so the CLI said the file "exports no contract".
it("generates from `export default contract` in a CommonJS project", { timeout: 120_000 }, async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "cjs-app", private: true }));
  writeFileSync(
    join(dir, "src/contract.ts"),
    `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

const contract = defineContract({
  name: "cjs",
  version: "1.0.0",
  namespaces: { "/cjs": { clientToServer: { add: { args: [z.number(), z.number()], ack: z.number() } } } },
});
export default contract;
`,
  );
  const result = await runCli(["generate", "src/contract.ts", "--out", "src/generated"], { cwd: dir });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(readFileSync(join(dir, "src/generated/cjs/client.ts"), "utf8")).toContain(
    "add(arg0: AddArg0, arg1: AddArg1): Promise<AddAck>",
  );
  expect(readFileSync(join(dir, "src/generated/contract-types.ts"), "utf8")).toContain(
    'import source from "../contract.js";',
  );
});
