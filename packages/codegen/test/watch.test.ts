import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startCli } from "./support/cli.js";
import { tempDir } from "./support/temp.js";

const CONTRACT = `import { defineContract } from "@socket-contract/contract";
import { Greeting } from "./schemas.js";

export const contract = defineContract({
  name: "watched",
  version: "1.0.0",
  namespaces: { "/w": { clientToServer: { greet: { args: [Greeting] } } } },
});
`;

const schemas = (fields: string): string => `import { z } from "zod";\n\nexport const Greeting = z.object({ ${fields} });\n`;

it("regenerates when an imported file changes, survives a broken contract, and stops on SIGINT", { timeout: 240_000 }, async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "contract.ts"), CONTRACT);
  writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string()"));
  const out = join(dir, "generated");
  const types = (): string => readFileSync(join(out, "w/types.ts"), "utf8");
  const cli = startCli(["generate", join(dir, "contract.ts"), "--out", out, "--watch"]);
  try {
    await cli.waitFor(/\[watch\] watching 2 file\(s\)/);
    expect(cli.output()).toMatch(/\[watch\] initial build: 9 written, 0 removed, 0 unchanged/);
    expect(types()).toContain("text: string;");

    writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string(), loud: z.boolean()"));
    await cli.waitFor(/\[watch\] schemas\.ts changed: 3 written/);
    expect(types()).toContain("loud: boolean;");

    writeFileSync(join(dir, "contract.ts"), CONTRACT.replace("name: \"watched\",", "name: \"watched\""));
    await cli.waitFor(/\[watch\] contract\.ts changed: socket-contract: syntax error in the contract/);
    expect(cli.child.exitCode).toBeNull();

    writeFileSync(join(dir, "contract.ts"), CONTRACT.replace("greet:", "hello:"));
    await cli.waitFor(/\[watch\] contract\.ts changed: \d+ written/);
    expect(readFileSync(join(out, "w/client.ts"), "utf8")).toContain("hello(payload: HelloPayload): void");
  } finally {
    const exited = new Promise<number | null>((resolve) => cli.child.once("exit", (code) => resolve(code)));
    cli.child.kill("SIGINT");
    expect(await exited).toBe(0);
  }
});
