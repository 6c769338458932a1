import { readFileSync, renameSync, writeFileSync } from "node:fs";
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

const schemas = (fields: string): string =>
  `import { z } from "zod";\n\nexport const Greeting = z.object({ ${fields} });\n`;

it("regenerates when an imported file changes, survives a broken contract, and stops on SIGINT", {
  timeout: 240_000,
}, async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "contract.ts"), CONTRACT);
  writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string()"));
  const out = join(dir, "generated");
  const types = (): string => readFileSync(join(out, "w/types.ts"), "utf8");
  const cli = startCli(["generate", join(dir, "contract.ts"), "--out", out, "--watch"]);
  try {
    await cli.waitFor(/\[watch\] watching 2 file\(s\)/);
    expect(cli.output()).toMatch(/\[watch\] initial build: 10 written, 0 removed, 0 unchanged/);
    expect(types()).toContain("text: string;");

    writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string(), loud: z.boolean()"));
    await cli.waitFor(/\[watch\] schemas\.ts changed: 3 written/);
    expect(types()).toContain("loud: boolean;");

    writeFileSync(join(dir, "contract.ts"), CONTRACT.replace('name: "watched",', 'name: "watched"'));
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

/** How vim, JetBrains "safe write" and `sed -i` save: a new file renamed over the old one. */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.tmp-save`, text);
  renameSync(`${path}.tmp-save`, path);
}

it("keeps hearing saves that replace the file (write a new file, rename it over the old one) as well as saves in place", {
  timeout: 240_000,
}, async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "contract.ts"), CONTRACT);
  writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string()"));
  const out = join(dir, "generated");
  const types = (): string => readFileSync(join(out, "w/types.ts"), "utf8");
  const cli = startCli(["generate", join(dir, "contract.ts"), "--out", out, "--watch"]);
  const runs = (): number =>
    (cli.output().match(/\[watch\] (schemas|contract)\.ts changed: \d+ written/g) ?? []).length;
  const nextRun = async (save: () => void): Promise<void> => {
    const before = runs();
    save();
    const deadline = Date.now() + 60_000;
    while (runs() === before) {
      if (Date.now() > deadline) throw new Error(`no regeneration after a save:\n${cli.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await cli.waitFor(/\[watch\] watching 2 file\(s\)/);
    await nextRun(() => replaceFile(join(dir, "schemas.ts"), schemas("first: z.string()")));
    expect(types()).toContain("first: string;");
    // The second replacing save is the one a watcher on the old file never hears.
    await nextRun(() => replaceFile(join(dir, "schemas.ts"), schemas("second: z.number()")));
    expect(types()).toContain("second: number;");
    await nextRun(() => replaceFile(join(dir, "contract.ts"), CONTRACT.replace("greet:", "hello:")));
    await nextRun(() => replaceFile(join(dir, "contract.ts"), CONTRACT.replace("greet:", "wave:")));
    expect(readFileSync(join(out, "w/client.ts"), "utf8")).toContain("wave(payload: WavePayload): void");
    await nextRun(() => writeFileSync(join(dir, "schemas.ts"), schemas("third: z.boolean()")));
    expect(types()).toContain("third: boolean;");
    // A file beside the contract that it does not import wakes nothing.
    const settled = runs();
    writeFileSync(join(dir, "notes.ts"), "export const unrelated = 1;\n");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(runs()).toBe(settled);
  } finally {
    const exited = new Promise<number | null>((resolve) => cli.child.once("exit", (code) => resolve(code)));
    cli.child.kill("SIGINT");
    expect(await exited).toBe(0);
  }
});

it("in a CommonJS project, regenerates when an imported file changes", { timeout: 240_000 }, async () => {
  // A .ts contract of a project without "type": "module" loads through require; its imported files
  // came back from the first load's require cache, so an edit printed "0 written".
  const dir = tempDir();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "cjs-app", private: true }));
  writeFileSync(join(dir, "contract.ts"), CONTRACT.replace("./schemas.js", "./schemas"));
  writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string()"));
  const out = join(dir, "generated");
  const cli = startCli(["generate", join(dir, "contract.ts"), "--out", out, "--watch"]);
  try {
    await cli.waitFor(/\[watch\] watching 2 file\(s\)/);
    writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string(), loud: z.boolean()"));
    await cli.waitFor(/\[watch\] schemas\.ts changed: \d+ written/);
    expect(cli.output()).toMatch(/\[watch\] schemas\.ts changed: [1-9]\d* written/);
    expect(readFileSync(join(out, "w/types.ts"), "utf8")).toContain("loud: boolean;");
  } finally {
    const exited = new Promise<number | null>((resolve) => cli.child.once("exit", (code) => resolve(code)));
    cli.child.kill("SIGINT");
    expect(await exited).toBe(0);
  }
});

it("watches the files a broken contract imports, so fixing the file the error names regenerates", {
  timeout: 240_000,
}, async () => {
  // A contract that failed to load was watched alone: the syntax error named schemas.ts, the user
  // fixed schemas.ts, and nothing happened until they touched the contract itself.
  const dir = tempDir();
  writeFileSync(join(dir, "contract.ts"), CONTRACT);
  writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string("));
  const out = join(dir, "generated");
  const cli = startCli(["generate", join(dir, "contract.ts"), "--out", out, "--watch"]);
  try {
    await cli.waitFor(/\[watch\] initial build: socket-contract: syntax error in the contract: .*schemas\.ts:3/);
    await cli.waitFor(/\[watch\] watching \d+ file\(s\)/);
    writeFileSync(join(dir, "schemas.ts"), schemas("text: z.string()"));
    await cli.waitFor(/\[watch\] schemas\.ts changed: 10 written/);
    expect(cli.output()).toContain("[watch] watching 2 file(s)");
    expect(readFileSync(join(out, "w/types.ts"), "utf8")).toContain("text: string;");
  } finally {
    const exited = new Promise<number | null>((resolve) => cli.child.once("exit", (code) => resolve(code)));
    cli.child.kill("SIGINT");
    expect(await exited).toBe(0);
  }
});
