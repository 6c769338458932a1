import { readFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { findUp } from "./find-up.js";

/** A stack frame's place: `(/a/b.ts:3:7)`, `at /a/b.ts:3:7`, or either with a `file://` URL. */
const FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?\/[^()]*?|[A-Za-z]:\\[^()]*?):(\d+):(\d+)\)?$/;

/**
 * A frame of a CommonJS module that tsx compiled: a `data:` URL ending in `?filePath=<encoded
 * path>:line:col`, whose line and column count in the compiled text, not the source (no source map).
 */
const COMPILED_FRAME = /^\s*at (?:.*? \()?data:text\/javascript,.*[?&]filePath=([^:?&)]+)/;

/**
 * Where the user's code threw `error`: the first frame of its stack in a file of their own (not
 * Node's, not under node_modules, not in `@socket-contract/contract`, whose `defineContract`
 * throws on the user's behalf), as `path:line:column` relative to the working folder, or undefined
 * when no frame is theirs. tsx maps the frames of ES modules to their source; a CommonJS one (a
 * .cts file, a .ts file of a project without "type": "module") is mapped too where Node runs it
 * from its file, but on Node 20 it runs from a `data:` URL, and only the path is known.
 *
 * @example
 * thrownAt(new Error("no SECRET env")); // "src/config.ts:4:9"
 */
export function thrownAt(error: unknown): string | undefined {
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  for (const line of stack.split("\n")) {
    const compiled = COMPILED_FRAME.exec(line);
    if (compiled !== null) return relative(process.cwd(), decodeURIComponent(compiled[1]!).replace(/\?.*$/, ""));
    const match = FRAME.exec(line);
    if (match === null) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    if (/[\\/]node_modules[\\/]/.test(file) || inContractPackage(file)) continue;
    return `${relative(process.cwd(), file) || file}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** Whether `file` belongs to the `@socket-contract/contract` package (a workspace link resolves outside node_modules). */
function inContractPackage(file: string): boolean {
  const manifest = findUp(dirname(file), "package.json");
  if (manifest === undefined) return false;
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "@socket-contract/contract";
  } catch {
    return false;
  }
}
