import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { repoRoot, runCli } from "./support/cli.js";
import { tempDir } from "./support/temp.js";

const run = promisify(execFile);

// A transform into a class the contract exports: the generated types.ts imports it from the
// contract module too, beside the client and server files' import of the contract value.
const CONTRACT = `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

export class Money {
  constructor(readonly cents: number) {}
}

export const contract = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: {
    "/shop": {
      clientToServer: { pay: { args: [z.object({ amount: z.number().transform((cents) => new Money(cents)) })], ack: z.string() } },
      serverToClient: { paid: { args: [z.string()] } },
    },
  },
});
`;

// Out dirs relative to the case folder; the contract sits at app/src/contract.ts. One folder below
// it is what every golden fixture covers.
const OUT_DIRS = [
  "app/src", // the contract's own folder
  "app/src/gen/socket", // two below: the depth that used to lose a `../`
  "app/src/a/b/c/socket", // four below
  "app/lib/gen", // a sibling of the contract's folder
  "web/src/generated/socket", // another package beside the contract's
];

it("generated imports resolve wherever --out sits relative to the contract: tsc compiles every out dir", {
  timeout: 300_000,
}, async () => {
  const dir = tempDir();
  for (const pkg of ["app", "web"]) {
    mkdirSync(join(dir, pkg, "src"), { recursive: true });
    writeFileSync(join(dir, pkg, "package.json"), JSON.stringify({ name: pkg, private: true, type: "module" }));
  }
  writeFileSync(join(dir, "app/src/contract.ts"), CONTRACT);

  for (const out of OUT_DIRS) {
    const result = await runCli(["generate", "app/src/contract.ts", "--out", out], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }
  const specifier = (out: string, file: string): string | undefined =>
    /from "([^"]*contract\.js)"/.exec(readFileSync(join(dir, out, file), "utf8"))?.[1];
  // Only contract-types.ts imports the contract module; the other files import it from there.
  expect(specifier("app/src/gen/socket", "contract-types.ts")).toBe("../../contract.js");
  expect(specifier("app/src/gen/socket", "shop/client.ts")).toBe(undefined);
  expect(specifier("app/src", "contract-types.ts")).toBe("./contract.js");
  expect(specifier("app/lib/gen", "contract-types.ts")).toBe("../../src/contract.js");
  expect(specifier("web/src/generated/socket", "contract-types.ts")).toBe("../../../../app/src/contract.js");

  // A consumer per out dir that uses the generated client and server, compiled under nodenext.
  for (const [index, out] of OUT_DIRS.entries()) {
    writeFileSync(
      join(dir, out, `use-${index}.ts`),
      `import { bindContractServer } from "./server.js";\nimport { shop } from "./index.js";\nexport type Used = [typeof bindContractServer, typeof shop];\n`,
    );
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: relative(dir, join(repoRoot, "tsconfig.base.json")),
      compilerOptions: { noEmit: true, strict: true, customConditions: ["@socket-contract/source"], types: ["node"] },
      include: OUT_DIRS.map((out) => `${out}/**/*.ts`),
    }),
  );
  const diagnostics = await run(
    process.execPath,
    [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json"), "--pretty", "false"],
    { cwd: dir },
  ).then(
    () => "",
    (error: { stdout?: string; message: string }) => error.stdout || error.message,
  );
  expect(diagnostics).toBe("");
});
