import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { tempDir } from "../support/temp.js";

const slow = { timeout: 180_000 };

/** A contract module as a project would keep it, at a given version and shape of `message:send`. */
function contractSource(version: string, payload: string): string {
  return `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

export const Message = z.object({ id: z.string(), text: z.string() });

export const contract = defineContract({
  name: "chat",
  version: "${version}",
  namespaces: {
    "/chat": {
      clientToServer: { "message:send": { args: [${payload}], ack: Message } },
      serverToClient: { message: { args: [Message] } },
    },
  },
});
`;
}

/** A contract whose payload schema lives in another module, as projects split them. */
function multiFileContract(version: string): string {
  return `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";
import { SendPayload } from "./schemas/index.js";

export const contract = defineContract({
  name: "chat",
  version: "${version}",
  namespaces: { "/chat": { clientToServer: { "message:send": { args: [SendPayload], ack: z.string() } } } },
});
`;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "ci",
      GIT_AUTHOR_EMAIL: "ci@example.com",
      GIT_COMMITTER_NAME: "ci",
      GIT_COMMITTER_EMAIL: "ci@example.com",
    },
  });
}

describe("socket-contract diff <old> <new>", () => {
  it(
    "--base <rev> reads the old contract from git with the files it imports, and fails a CI step on a breaking change there",
    slow,
    async () => {
      // The README's CI step: the contract on main against the branch, where the breaking change is
      // in a file the contract imports (git show of the contract alone would still import today's).
      const dir = tempDir();
      git(dir, "init", "--quiet", "--initial-branch=main");
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
      mkdirSync(join(dir, "src/schemas"), { recursive: true });
      writeFileSync(join(dir, "src/contract.ts"), multiFileContract("1.0.0"));
      writeFileSync(join(dir, "src/schemas/index.ts"), 'export { SendPayload } from "./send.js";\n');
      writeFileSync(
        join(dir, "src/schemas/send.ts"),
        'import { z } from "zod";\nexport const SendPayload = z.object({ text: z.string().max(2000) });\n',
      );
      git(dir, "add", ".");
      git(dir, "commit", "--quiet", "-m", "v1");
      git(dir, "checkout", "--quiet", "-b", "feature");
      writeFileSync(join(dir, "src/contract.ts"), multiFileContract("1.1.0"));
      writeFileSync(
        join(dir, "src/schemas/send.ts"),
        'import { z } from "zod";\nexport const SendPayload = z.object({ text: z.string().max(500), room: z.string() });\n',
      );

      const result = await runCli(["diff", "--base", "main", "src/contract.ts"], { cwd: dir });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("chat 1.0.0 → 1.1.0: 2 breaking changes, 0 safe");
      expect(result.stdout).toContain(
        'BREAKING  /chat client → server "message:send" args[0].text\n  maxLength 2000 → 500\n  breaks old clients: old clients may still send values the new server refuses',
      );
      expect(result.stdout).toContain(
        'BREAKING  /chat client → server "message:send" args[0].room\n  field added (required)',
      );
      expect(result.stdout).toContain(
        "VERSION   1.0.0 → 1.1.0 is a minor release, but 2 changes break old clients: a breaking change needs a major version (2.0.0)",
      );
      // The snapshot of main is gone, and the working tree is as it was.
      expect(readdirSync(dir).filter((name) => name.startsWith(".socket-contract"))).toEqual([]);
      expect(git(dir, "status", "--porcelain")).toBe(" M src/contract.ts\n M src/schemas/send.ts\n");

      // Committed with a major version, the same change passes the version check (it still breaks).
      writeFileSync(join(dir, "src/contract.ts"), multiFileContract("2.0.0"));
      const major = await runCli(["diff", "--base", "main", "src/contract.ts", "--json"], { cwd: dir });
      expect(major.code).toBe(1);
      expect(JSON.parse(major.stdout)).toMatchObject({ breaking: true, versions: [] });
    },
  );

  it("--base follows the old contract's #imports subpaths and tsconfig paths aliases", slow, async () => {
    // The old contract loaded from the snapshot failed: only relative imports were copied there.
    const dir = tempDir();
    git(dir, "init", "--quiet", "--initial-branch=main");
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "app", private: true, type: "module", imports: { "#schemas/*": "./src/schemas/*" } }),
    );
    writeFileSync(
      join(dir, "tsconfig.base.json"),
      JSON.stringify({ compilerOptions: { strict: true, paths: { "@shared/*": ["./src/shared/*"] } } }),
    );
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json", include: ["src"] }));
    mkdirSync(join(dir, "src/schemas"), { recursive: true });
    mkdirSync(join(dir, "src/shared"), { recursive: true });
    writeFileSync(
      join(dir, "src/contract.ts"),
      multiFileContract("1.0.0").replace("./schemas/index.js", "#schemas/send.js"),
    );
    const send = (max: number): string =>
      `import { z } from "zod";\nimport { Room } from "@shared/room";\nexport const SendPayload = z.object({ text: z.string().max(${max}), room: Room });\n`;
    const room = (min: number): string => `import { z } from "zod";\nexport const Room = z.string().min(${min});\n`;
    writeFileSync(join(dir, "src/schemas/send.ts"), send(2000));
    writeFileSync(join(dir, "src/shared/room.ts"), room(1));
    git(dir, "add", ".");
    git(dir, "commit", "--quiet", "-m", "v1");
    writeFileSync(join(dir, "src/schemas/send.ts"), send(500));
    writeFileSync(join(dir, "src/shared/room.ts"), room(3));

    const result = await runCli(["diff", "--base", "main", "src/contract.ts"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("chat 1.0.0 → 1.0.0: 2 breaking changes, 0 safe");
    expect(result.stdout).toContain(
      'BREAKING  /chat client → server "message:send" args[0].text\n  maxLength 2000 → 500',
    );
    expect(result.stdout).toContain('BREAKING  /chat client → server "message:send" args[0].room\n  minLength 1 → 3');
  });

  it(
    "--base refuses a contract whose schemas come from a workspace package changed since the revision",
    slow,
    async () => {
      // The package loads from its folder as it is today, so the diff compared today's schemas with
      // themselves: "no changes to the wire shape", exit 0, over a breaking change.
      const dir = tempDir();
      git(dir, "init", "--quiet", "--initial-branch=main");
      writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"] }),
      );
      mkdirSync(join(dir, "packages/schemas"), { recursive: true });
      mkdirSync(join(dir, "apps/server/src"), { recursive: true });
      writeFileSync(
        join(dir, "packages/schemas/package.json"),
        JSON.stringify({ name: "@acme/schemas", version: "1.0.0", type: "module", exports: "./index.js" }),
      );
      const schemas = (max: number): string =>
        `import { z } from "zod";\nexport const SendPayload = z.object({ text: z.string().max(${max}) });\n`;
      writeFileSync(join(dir, "packages/schemas/index.js"), schemas(2000));
      writeFileSync(
        join(dir, "apps/server/src/contract.ts"),
        multiFileContract("1.0.0").replace("./schemas/index.js", "@acme/schemas"),
      );
      mkdirSync(join(dir, "node_modules/@acme"), { recursive: true });
      symlinkSync("../../packages/schemas", join(dir, "node_modules/@acme/schemas"), "dir"); // as npm links a workspace
      writeFileSync(join(dir, ".gitignore"), "node_modules\n");
      git(dir, "add", ".");
      git(dir, "commit", "--quiet", "-m", "v1");

      const unchanged = await runCli(["diff", "--base", "main", "apps/server/src/contract.ts"], { cwd: dir });
      expect(unchanged.stdout).toContain("chat 1.0.0 → 1.0.0: no changes to the wire shape");
      expect(unchanged.code).toBe(0);

      writeFileSync(join(dir, "packages/schemas/index.js"), schemas(500));
      const result = await runCli(["diff", "--base", "main", "apps/server/src/contract.ts"], { cwd: dir });
      expect(result.stdout).toBe("");
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toEqual([
        "socket-contract: the contract at main imports @acme/schemas, a workspace package in packages/schemas that changed since main, which diff --base would read as it is today; write the old contract to a file and run diff <old> <new>",
      ]);
    },
  );

  it(
    "--base refuses an unknown revision, a file outside git, and a second file, with exit 2 and one line",
    slow,
    async () => {
      const dir = tempDir();
      git(dir, "init", "--quiet", "--initial-branch=main");
      writeFileSync(join(dir, "contract.ts"), contractSource("1.0.0", "z.string()"));
      git(dir, "add", ".");
      git(dir, "commit", "--quiet", "-m", "v1");
      const unknown = await runCli(["diff", "--base", "origin/nope", "contract.ts"], { cwd: dir, timeoutMs: 60_000 });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr.trim()).toBe(
        "socket-contract: no git revision origin/nope (in a shallow clone, fetch it first: git fetch origin main)",
      );
      writeFileSync(join(dir, "new.ts"), contractSource("1.0.0", "z.string()"));
      const untracked = await runCli(["diff", "--base", "main", "new.ts"], { cwd: dir, timeoutMs: 60_000 });
      expect(untracked.code).toBe(2);
      expect(untracked.stderr.trim()).toBe("socket-contract: new.ts does not exist at main (new.ts)");
      const both = await runCli(["diff", "--base", "main", "contract.ts", "new.ts"], { cwd: dir, timeoutMs: 60_000 });
      expect(both.code).toBe(2);
      expect(both.stderr.trim()).toBe("socket-contract: with --base, give only the contract file as it is now");
    },
  );

  it("flags a new wire shape under an unchanged version, and fails on it with --strict-version", slow, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "old.ts"), contractSource("1.0.0", "z.object({ text: z.string() })"));
    writeFileSync(
      join(dir, "same.ts"),
      contractSource("1.0.0", "z.object({ text: z.string(), tag: z.string().optional() })"),
    );
    const lenient = await runCli(["diff", join(dir, "old.ts"), join(dir, "same.ts")]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(
      /^VERSION {3}the wire shape changed \(fingerprint fnv1a64:\w+ → fnv1a64:\w+\) but the version is still 1\.0\.0: clients and servers cannot tell the two contracts apart; bump the version$/m,
    );
    const strict = await runCli(["diff", join(dir, "old.ts"), join(dir, "same.ts"), "--strict-version", "--json"]);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ breaking: false, versions: [{ kind: "unchanged-version" }] });
  });

  it("passes on safe changes, and counts only the audiences asked for", slow, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "old.ts"), contractSource("1.0.0", "z.object({ text: z.string() })"));
    // An optional field is safe for everyone; a wider union breaks only old servers (new clients may send more).
    writeFileSync(
      join(dir, "safe.ts"),
      contractSource("1.0.1", "z.object({ text: z.string(), tag: z.string().optional() })"),
    );
    writeFileSync(
      join(dir, "wider.ts"),
      contractSource("1.1.0", "z.union([z.object({ text: z.string() }), z.string()])"),
    );

    const safe = await runCli(["diff", join(dir, "old.ts"), join(dir, "safe.ts")]);
    expect(safe.code).toBe(0);
    expect(safe.stdout).toContain("chat 1.0.0 → 1.0.1: 0 breaking changes, 1 safe");

    const wider = await runCli(["diff", join(dir, "old.ts"), join(dir, "wider.ts"), "--json"]);
    expect(wider.code).toBe(1);
    expect(JSON.parse(wider.stdout)).toMatchObject({
      breaking: true,
      old: { version: "1.0.0" },
      new: { version: "1.1.0" },
      audiences: ["old-clients", "old-servers"],
    });
    expect(JSON.parse(wider.stdout).changes).toMatchObject([
      { severity: "breaking", breaks: ["old-servers"], reason: "new clients may send values old servers refuse" },
    ]);
    const serverFirst = await runCli(["diff", join(dir, "old.ts"), join(dir, "wider.ts"), "--audience", "old-clients"]);
    // Not counted is not "safe": the entry says it is ignored, and whom it breaks.
    expect(serverFirst.code).toBe(0);
    expect(serverFirst.stdout).toContain("0 breaking changes, 0 safe, 1 breaking only for old servers (not counted)");
    expect(serverFirst.stdout).toContain('ignored   /chat client → server "message:send" args[0]');
    expect(serverFirst.stdout).toContain(
      "breaks old servers (not counted: --audience old-clients): new clients may send values old servers refuse",
    );
  });

  it("refuses a missing file or an unknown audience with exit 2 and one line", slow, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "old.ts"), contractSource("1.0.0", "z.string()"));
    const missing = await runCli(["diff", join(dir, "old.ts"), join(dir, "nope.ts")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^socket-contract: no contract file at .*nope\.ts$/);
    const audience = await runCli(["diff", join(dir, "old.ts"), join(dir, "old.ts"), "--audience", "everyone"], {
      timeoutMs: 60_000,
    });
    expect(audience.code).toBe(2);
    expect(audience.stderr).toContain("argument 'everyone' is invalid");
  });
});
