import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLISHED, repoRoot } from "../support/packed-app.js";

// What a user sees of each published package on the registry's page, before installing it.
const manifest = (folder: string): Record<string, any> =>
  JSON.parse(readFileSync(join(repoRoot, "packages", folder, "package.json"), "utf8"));
const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { engines: { node: string } };

describe.each(PUBLISHED)("packages/%s", (folder) => {
  it("has an MIT LICENSE, and repository, homepage, bugs, keywords and engines", () => {
    const pkg = manifest(folder);
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(repoRoot, "packages", folder, "LICENSE"), "utf8")).toMatch(/^MIT License\n/);
    expect(pkg.repository).toEqual({
      type: "git",
      url: "git+https://github.com/socket-contract/socket-contract.git",
      directory: `packages/${folder}`,
    });
    expect(pkg.homepage).toBe(`https://github.com/socket-contract/socket-contract/tree/main/packages/${folder}#readme`);
    expect(pkg.bugs).toEqual({ url: "https://github.com/socket-contract/socket-contract/issues" });
    expect(pkg.keywords).toEqual(expect.arrayContaining(["socket.io", "zod"]));
    expect(pkg.engines).toEqual({ node: root.engines.node });
  });

  it("resolves for import and for require (require(esm)), with types first", () => {
    for (const conditions of Object.values(manifest(folder).exports as Record<string, Record<string, string>>)) {
      // A package with a browser build (the client) names it between types and import, so bundlers pick it first.
      const browser = "browser" in conditions ? ["browser"] : [];
      expect(Object.keys(conditions)).toEqual(["@socket-contract/source", "types", ...browser, "import", "default"]);
      expect(conditions.default).toBe(conditions.import);
    }
  });

  it("links only to absolute URLs in its README, so the links work on the registry's page", () => {
    const readme = readFileSync(join(repoRoot, "packages", folder, "README.md"), "utf8");
    const targets = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]!);
    expect(targets.filter((target) => !/^https:\/\//.test(target))).toEqual([]);
  });
});

it("the repository has an MIT LICENSE at its root", () => {
  expect(existsSync(join(repoRoot, "LICENSE"))).toBe(true);
  expect(readFileSync(join(repoRoot, "LICENSE"), "utf8")).toMatch(
    /^MIT License\n\nCopyright \(c\) 2026 socket-contract contributors\n/,
  );
});
