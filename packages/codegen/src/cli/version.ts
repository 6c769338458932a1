import { readFileSync } from "node:fs";

/**
 * The version of the installed `@socket-contract/codegen`, read from its package.json (two
 * folders up from both `src/cli` and `dist/cli`).
 *
 * @example
 * cliVersion(); // "0.1.0"
 */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}
