import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
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

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "ci", GIT_AUTHOR_EMAIL: "ci@example.com", GIT_COMMITTER_NAME: "ci", GIT_COMMITTER_EMAIL: "ci@example.com" },
  });
}

describe("socket-contract diff <old> <new>", () => {
  it("fails a CI step on a breaking change, with both sides read from source via git show", slow, async () => {
    // The CI step of the README: the contract on main against the one in the branch.
    const dir = tempDir();
    const file = join(dir, "contract.ts");
    git(dir, "init", "--quiet", "--initial-branch=main");
    writeFileSync(file, contractSource("1.0.0", "z.object({ text: z.string().max(2000) })"));
    git(dir, "add", "contract.ts");
    git(dir, "commit", "--quiet", "-m", "v1");
    writeFileSync(file, contractSource("1.1.0", "z.object({ text: z.string().max(500), room: z.string() })"));
    writeFileSync(join(dir, "old-contract.ts"), git(dir, "show", "main:contract.ts"));

    const result = await runCli(["diff", join(dir, "old-contract.ts"), file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("chat 1.0.0 → 1.1.0: 2 breaking changes, 0 safe");
    expect(result.stdout).toContain('BREAKING  /chat client → server "message:send" args[0].text\n  maxLength 2000 → 500\n  breaks old clients: old clients may still send values the new server refuses');
    expect(result.stdout).toContain('BREAKING  /chat client → server "message:send" args[0].room\n  field added (required)');

  });

  it("passes on safe changes, and counts only the audiences asked for", slow, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "old.ts"), contractSource("1.0.0", "z.object({ text: z.string() })"));
    // An optional field is safe for everyone; a wider union breaks only old servers (new clients may send more).
    writeFileSync(join(dir, "safe.ts"), contractSource("1.0.1", "z.object({ text: z.string(), tag: z.string().optional() })"));
    writeFileSync(join(dir, "wider.ts"), contractSource("1.1.0", "z.union([z.object({ text: z.string() }), z.string()])"));

    const safe = await runCli(["diff", join(dir, "old.ts"), join(dir, "safe.ts")]);
    expect(safe.code).toBe(0);
    expect(safe.stdout).toContain("chat 1.0.0 → 1.0.1: 0 breaking changes, 1 safe");

    const wider = await runCli(["diff", join(dir, "old.ts"), join(dir, "wider.ts"), "--json"]);
    expect(wider.code).toBe(1);
    expect(JSON.parse(wider.stdout)).toMatchObject({ breaking: true, old: { version: "1.0.0" }, new: { version: "1.1.0" }, audiences: ["old-clients", "old-servers"] });
    expect(JSON.parse(wider.stdout).changes).toMatchObject([{ severity: "breaking", breaks: ["old-servers"], reason: "new clients may send values old servers refuse" }]);
    const serverFirst = await runCli(["diff", join(dir, "old.ts"), join(dir, "wider.ts"), "--audience", "old-clients"]);
    expect(serverFirst.code).toBe(0);
    expect(serverFirst.stdout).toContain("0 breaking changes, 1 safe");
  });

  it("refuses a missing file or an unknown audience with exit 2 and one line", slow, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "old.ts"), contractSource("1.0.0", "z.string()"));
    const missing = await runCli(["diff", join(dir, "old.ts"), join(dir, "nope.ts")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^socket-contract: no contract file at .*nope\.ts$/);
    const audience = await runCli(["diff", join(dir, "old.ts"), join(dir, "old.ts"), "--audience", "everyone"], { timeoutMs: 60_000 });
    expect(audience.code).toBe(2);
    expect(audience.stderr).toContain("argument 'everyone' is invalid");
  });
});
