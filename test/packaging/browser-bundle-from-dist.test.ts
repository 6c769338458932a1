import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installApp, type PackedApp, packPackages, repoRoot, writeFiles } from "../support/packed-app.js";

// `npm run size` bundles the minimal apps from the packages' TypeScript source (the
// "@socket-contract/source" condition); a user's bundler gets the built dist from the tarball
// instead. Each app is bundled both ways here, as the size check does (esbuild, for a browser,
// minified, gzip -9): the published build must reach the `browser` entries, bring the same
// modules of ours, no module of Zod that the app validating by hand does not bring, nothing of the
// server, the CLI or Node, and weigh what the size check measured.

const APPS = [
  { bound: "mini-bound", byHand: "mini-by-hand" },
  { bound: "classic-bound", byHand: "classic-by-hand" },
] as const;

/** What the dist bundle may weigh more or less than the source one, gzipped: today they differ by a few bytes. */
const MARGIN_BYTES = 100;

/** Modules that must never reach a page: the server runtime, the CLI and what it runs, Socket.IO's server, Node. */
const FORBIDDEN =
  /@socket-contract\/(server|codegen|opentelemetry)\/|node_modules\/(ts-morph|typescript|tsx|commander|code-block-writer|socket\.io|engine\.io|ws)\/|^node:/;

const version = (name: string): string =>
  (JSON.parse(readFileSync(join(repoRoot, "node_modules", name, "package.json"), "utf8")) as { version: string })
    .version;

interface Bundle {
  readonly gzipped: number;
  readonly warnings: readonly string[];
  /** Every module esbuild resolved, by path from the working directory. */
  readonly resolved: readonly string[];
  /** The modules with code in the output. */
  readonly kept: readonly string[];
}

/**
 * Bundles an app as `.size-limit.js` does, from `dir`, with the given export conditions.
 *
 * @example
 * const bundle = await bundleApp(app.dir, "src/mini-bound.ts", []);
 */
async function bundleApp(dir: string, entry: string, conditions: string[]): Promise<Bundle> {
  const result = await build({
    absWorkingDir: dir,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    conditions,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    gzipped: gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length,
    warnings: result.warnings.map((warning) => warning.text),
    resolved: Object.keys(result.metafile.inputs),
    kept: Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  };
}

/** Our modules with code in a bundle, named alike from source and from dist: `contract/protocol/send`. */
const ours = (bundle: Bundle): string[] =>
  bundle.kept
    .map((path) =>
      path
        .replace(/^packages\/(?:runtime-)?([a-z]+)\/src\/(.*)\.ts$/, "$1/$2")
        .replace(/^node_modules\/@socket-contract\/([a-z]+)\/dist\/(.*)\.js$/, "$1/$2"),
    )
    .filter((path) => /^(contract|client)\//.test(path))
    .sort();

const zodModules = (bundle: Bundle): string[] =>
  bundle.kept.filter((path) => path.startsWith("node_modules/zod/")).sort();

let app: PackedApp;

beforeAll(async () => {
  // The versions the size check bundles, so the two builds differ only by our packages.
  app = await installApp(await packPackages(), [
    `zod@${version("zod")}`,
    `socket.io-client@${version("socket.io-client")}`,
  ]);
  const files: Record<string, string> = {};
  for (const { bound, byHand } of APPS)
    for (const name of [bound, byHand])
      files[`src/${name}.ts`] = readFileSync(join(repoRoot, "test/bundle-size/apps", `${name}.ts`), "utf8");
  writeFiles(app.dir, files);
}, 900_000);

afterAll(() => app?.remove());

describe.each(APPS)("the $bound app bundled from the published packages", ({ bound, byHand }) => {
  it("reaches the browser entries and brings what the size check measured, nothing more", {
    timeout: 120_000,
  }, async () => {
    const dist = await bundleApp(app.dir, `src/${bound}.ts`, []);
    const source = await bundleApp(repoRoot, `test/bundle-size/apps/${bound}.ts`, ["@socket-contract/source"]);
    const alone = await bundleApp(app.dir, `src/${byHand}.ts`, []);

    expect(dist.warnings).toEqual([]);
    expect(dist.resolved).toContain("node_modules/@socket-contract/client/dist/browser.js");
    expect(dist.resolved).toContain("node_modules/@socket-contract/contract/dist/browser.js");
    expect(dist.resolved.filter((path) => FORBIDDEN.test(path))).toEqual([]);
    expect(dist.kept.filter((path) => /@socket-contract\/[a-z]+\/src\//.test(path))).toEqual([]);
    expect(ours(dist)).toEqual(ours(source));
    expect(ours(dist).length).toBeGreaterThan(20);
    expect(zodModules(dist)).toEqual(zodModules(alone));
    expect(Math.abs(dist.gzipped - source.gzipped)).toBeLessThanOrEqual(MARGIN_BYTES);
  });
});
