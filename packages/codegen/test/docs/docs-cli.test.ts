import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocsPage } from "../../src/docs/render-docs.js";
import * as chatExample from "../fixtures/chat-app.js";
import { fixturesDir, runCli } from "../support/cli.js";
import { tempDir } from "../support/temp.js";

describe("socket-contract docs <contract> --out <dir>", () => {
  it("writes the reference page as index.html in the out dir", { timeout: 180_000 }, async () => {
    const out = join(tempDir(), "site/api");
    const result = await runCli(["docs", join(fixturesDir, "chat-app.ts"), "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`wrote ${join(out, "index.html")} (chat 1.0.0)`);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe(
      renderDocsPage(chatExample.contract, { exports: chatExample }),
    );
  });
});
