import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, startCli } from "./support/cli.js";
import { tempDir } from "./support/temp.js";

// A contract whose schemas sit in a file it reaches through a `#imports` subpath or a tsconfig
// `paths` alias, as many projects write it, in a package of a monorepo whose scripts run the CLI
// from the root. The CLI's read of the contract's own files followed relative specifiers only: a
// brand in that file was lost from the generated types, and --watch did not hear edits of it. And
// tsx took the tsconfig.json of the working folder, so a `paths` alias did not load from the root.

const CONTRACT = (specifier: string): string => `import { defineContract } from "@socket-contract/contract";
import { Order } from "${specifier}";

export const contract = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: { "/shop": { clientToServer: { pay: { args: [Order] } } } },
});
`;

const schemas = (fields: string): string =>
  `import { z } from "zod";\n\nexport const Order = z.object({ id: z.string().brand<"OrderId">(), ${fields} });\n`;

const LAYOUTS = {
  "#imports subpath": {
    specifier: "#schemas/order.js",
    "package.json": { type: "module", imports: { "#schemas/*": "./src/schemas/*" } },
    "tsconfig.json": { compilerOptions: { module: "nodenext", strict: true } },
  },
  "tsconfig paths alias": {
    specifier: "@schemas/order",
    "package.json": { type: "module" },
    "tsconfig.json": {
      compilerOptions: {
        module: "esnext",
        moduleResolution: "bundler",
        strict: true,
        paths: { "@schemas/*": ["./src/schemas/*"] },
      },
    },
  },
};

const SRC = "packages/contract/src";

/** A monorepo's root with the contract's package in packages/contract; returns the root. */
function writeProject(layout: keyof typeof LAYOUTS): string {
  const dir = tempDir();
  const { specifier, ...configs } = LAYOUTS[layout];
  const files: Record<string, string> = {
    "packages/contract/src/contract.ts": CONTRACT(specifier),
    "packages/contract/src/schemas/order.ts": schemas("cents: z.number()"),
    "packages/contract/package.json": JSON.stringify(configs["package.json"]),
    "packages/contract/tsconfig.json": JSON.stringify({ ...configs["tsconfig.json"], include: ["src"] }),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe.each(Object.keys(LAYOUTS) as (keyof typeof LAYOUTS)[])("a schema file imported through a %s", (layout) => {
  it("loads from the monorepo's root and keeps its brand in the generated types", { timeout: 120_000 }, async () => {
    const dir = writeProject(layout);
    const result = await runCli(["generate", `${SRC}/contract.ts`, "--out", `${SRC}/generated`], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const types = readFileSync(join(dir, SRC, "generated/shop/types.ts"), "utf8");
    expect(types).toContain('id: string & $brand<"OrderId">;');
  });

  it("is watched: an edit of it regenerates", { timeout: 240_000 }, async () => {
    const dir = writeProject(layout);
    const cli = startCli(["generate", `${SRC}/contract.ts`, "--out", `${SRC}/generated`, "--watch"], dir);
    try {
      await cli.waitFor(/\[watch\] watching 2 file\(s\)/);
      writeFileSync(join(dir, SRC, "schemas/order.ts"), schemas("cents: z.number(), note: z.string()"));
      await cli.waitFor(/\[watch\] order\.ts changed: \d+ written/);
      expect(readFileSync(join(dir, SRC, "generated/shop/types.ts"), "utf8")).toContain("note: string;");
    } finally {
      const exited = new Promise<number | null>((resolve) => cli.child.once("exit", (code) => resolve(code)));
      cli.child.kill("SIGINT");
      expect(await exited).toBe(0);
    }
  });
});
