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
