import { describe, expect, it } from "vitest";
import { goldenCases, runCli } from "./support/cli.js";

// Goldens are the committed output of each fixture contract. `--check` regenerates in memory and
// compares; UPDATE_GOLDENS=1 rewrites them instead (then review the diff).
const update = process.env.UPDATE_GOLDENS === "1";

describe.each(goldenCases())("golden $name", (fixture) => {
  it(update ? "rewrites its goldens" : "matches its committed goldens", { timeout: 120_000 }, async () => {
    const result = await runCli(update ? fixture.args : [...fixture.args, "--check"]);
    // The only thing on stderr may be the warnings for schemas JSON cannot carry (the constructs fixture has
    // z.date() and z.bigint() on purpose); anything else there is a failure.
    const otherErrors = result.stderr
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("socket-contract: warning: "));
    expect(otherErrors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(update ? /^generated \d+ files/ : /^up to date: \d+ files/);
  });
});
