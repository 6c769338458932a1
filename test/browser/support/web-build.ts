import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const WEB_ROOT = fileURLToPath(new URL("../../../examples/chat/web", import.meta.url));

/**
 * Builds the chat's web page from the current source into a fresh folder, with the same Vite config
 * as `npm start`, so the tests never run against a stale bundle.
 *
 * @example
 * const staticDir = await buildWebPage();
 */
export async function buildWebPage(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), "chat-web-"));
  await build({
    configFile: path.join(WEB_ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/**
 * Builds one of `test/browser/fixtures/<name>` (an `index.html` and its scripts) from the packages'
 * source for a browser, as a page's bundler would (export condition `browser`), into a fresh folder.
 *
 * @example
 * const staticDir = await buildFixturePage("refused-params");
 */
export async function buildFixturePage(name: string): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), `${name}-web-`));
  await build({
    configFile: false,
    root: fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)),
    logLevel: "warn",
    resolve: { conditions: ["@socket-contract/source", "browser", "module", "import", "default"] },
    build: { outDir, emptyOutDir: true, modulePreload: false },
  });
  return outDir;
}
