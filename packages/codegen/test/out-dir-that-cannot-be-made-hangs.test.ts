import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir, runCli } from "./support/cli.js";
import { tempDir } from "./support/temp.js";

/**
 * Every command that writes files, given an out path whose folder cannot be made, fails at once with
 * one line and exit code 2. Under /proc, Linux answers ENOENT to a mkdir of a folder whose parent
 * exists, and Node's recursive mkdir took that for a missing parent and retried forever: `docs --out
 * /proc/x` spun at 100% CPU and never returned.
 */
const slow = { timeout: 180_000 };
const contractFile = join(fixturesDir, "chat-app.ts");
// Each run gets this long; a spinning mkdir never finishes, and the test then fails on the timeout.
const run = (args: readonly string[]) => runCli(args, { timeoutMs: 90_000 });

function expectUserError(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(pattern);
}

describe.runIf(existsSync("/proc/self"))("an out dir under /proc, where mkdir answers ENOENT", () => {
  it("docs --out fails with exit 2 instead of hanging", slow, async () => {
    expectUserError(
      await run(["docs", contractFile, "--out", "/proc/socket-contract-docs"]),
      /^socket-contract: cannot write \/proc\/socket-contract-docs\/index\.html \(ENOENT\)$/,
    );
  });

  it("generate --out fails with exit 2 instead of hanging", slow, async () => {
    expectUserError(
      await run(["generate", contractFile, "--out", "/proc/socket-contract-generated/deeper"]),
      /^socket-contract: cannot write to the out dir \/proc\/socket-contract-generated\/deeper \(ENOENT\)$/,
    );
  });

  it("asyncapi --out fails with exit 2 instead of hanging", slow, async () => {
    expectUserError(
      await run(["asyncapi", contractFile, "--out", "/proc/socket-contract-asyncapi/asyncapi.yaml"]),
      /^socket-contract: cannot write \/proc\/socket-contract-asyncapi\/asyncapi\.yaml \(ENOENT\)$/,
    );
  });
});

// Tests may run as root, for whom no folder is read-only: a regular file in the path is what makes
// mkdir fail everywhere (ENOTDIR).
describe("an out path under a regular file", () => {
  it("docs and asyncapi fail with exit 2 and ENOTDIR, as generate does", slow, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a-file"), "");
    expectUserError(
      await run(["docs", contractFile, "--out", join(dir, "a-file/docs")]),
      /^socket-contract: cannot write .*a-file\/docs\/index\.html \(ENOTDIR\)$/,
    );
    expectUserError(
      await run(["asyncapi", contractFile, "--out", join(dir, "a-file/asyncapi.json")]),
      /^socket-contract: cannot write .*a-file\/asyncapi\.json \(ENOTDIR\)$/,
    );
  });
});
