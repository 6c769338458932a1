import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildModel } from "../src/index.js";
import { loadContract } from "../src/cli/load/load-contract.js";
import { codegenRoot, goldenCases, repoRoot, runCli } from "./support/cli.js";
import { exactnessCheck } from "./support/exactness.js";
import { tempDir } from "./support/temp.js";

const run = promisify(execFile);
const exactnessDir = join(codegenRoot, "test/exactness");

/** Runs a compiler over a tsconfig and returns its diagnostics (empty when it compiles). */
async function compile(compiler: string[], project: string): Promise<string> {
  try {
    await run(process.execPath, [...compiler, "-p", project, "--pretty", "false"], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
    return "";
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    return `${stdout ?? ""}${stderr ?? ""}` || message;
  }
}

const tsc5 = [join(repoRoot, "node_modules/typescript/bin/tsc")];
const tsc7 = [join(codegenRoot, "node_modules/typescript7/bin/tsgo")];

// KEEP_EXACTNESS=1 keeps the generated check files, to read a failure's line.
afterAll(() =>
  process.env.KEEP_EXACTNESS === "1" ? undefined : rmSync(exactnessDir, { recursive: true, force: true }),
);

describe("goldens compile", () => {
  it("under tsc --strict (typescript 5.9, module nodenext), and every type equals what Zod infers", {
    timeout: 240_000,
  }, async () => {
    mkdirSync(exactnessDir, { recursive: true });
    for (const fixture of goldenCases()) {
      const { contract, exports, staticTypes } = await loadContract(fixture.contract, fixture.exportName);
      const model = buildModel(contract, { exports, staticTypes });
      const text = exactnessCheck(model, {
        contract: `../fixtures/${fixture.name}/contract.js`,
        exportName: fixture.exportName,
        golden: `../fixtures/${fixture.name}/golden`,
      });
      writeFileSync(join(exactnessDir, `${fixture.name}.ts`), text);
    }
    expect(await compile(tsc5, "packages/codegen/test/tsconfig.golden.json")).toBe("");
  });

  it("under a bundler's module resolution", { timeout: 240_000 }, async () => {
    expect(await compile(tsc5, "packages/codegen/test/tsconfig.golden-bundler.json")).toBe("");
  });

  it("under typescript 7's compiler", { timeout: 240_000 }, async () => {
    expect(await compile(tsc7, "packages/codegen/test/tsconfig.golden-bundler.json")).toBe("");
    expect(await compile(tsc7, "packages/codegen/test/tsconfig.golden.json")).toBe("");
  });
});

describe("generated files compile under noUnusedLocals", () => {
  it("for a namespace and server-to-server events that carry no schema (args: [], no ack)", {
    timeout: 240_000,
  }, async () => {
    // types.ts imported TypeOnlySchema for such a namespace and never used it: TS6196 in every
    // project with noUnusedLocals (Vite's templates turn it on) that compiles its generated folder.
    const dir = tempDir();
    writeFileSync(
      join(dir, "contract.ts"),
      `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

export const contract = defineContract({
  name: "bare",
  version: "1.0.0",
  namespaces: {
    "/": { clientToServer: { hi: { args: [] } } },
    "/files": { clientToServer: { put: { args: [streamOf(z.string())] } } },
  },
  serverToServer: { tick: { args: [] } },
});
`.replace("import { defineContract }", "import { defineContract, streamOf }"),
    );
    expect((await runCli(["generate", join(dir, "contract.ts"), "--out", join(dir, "generated")])).code).toBe(0);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.golden.json", include: ["generated/**/*.ts"] }),
    );
    expect(await compile(tsc5, join(dir, "tsconfig.json"))).toBe("");
  });
});
