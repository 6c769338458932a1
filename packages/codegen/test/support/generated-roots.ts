import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { BANNER } from "../../src/emit/generated-file.js";

/** A committed out dir of `socket-contract generate`, and how to regenerate it. */
export interface GeneratedRoot {
  readonly outDir: string;
  readonly contract: string;
  readonly exportName: string;
}

/**
 * Every generated out dir committed to the repository, found by its `fingerprint.ts` opening with
 * the banner. The contract comes from the banner's source line, the export from the contract
 * import of the generated `server.ts`.
 */
export function committedGeneratedRoots(repoRoot: string): GeneratedRoot[] {
  const tracked = execFileSync("git", ["ls-files", "-z", "--", "*fingerprint.ts"], { cwd: repoRoot, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  return tracked.flatMap((path) => {
    const file = join(repoRoot, path);
    const text = readFileSync(file, "utf8");
    if (!text.startsWith(BANNER)) return [];
    const outDir = dirname(file);
    const source = /^\/\/ source: (.+)$/m.exec(text)?.[1];
    if (source === undefined) throw new Error(`${path} has the banner but no source line`);
    // contract-types.ts imports the contract value as `source`: `import source from` or `import { name as source } from`.
    const types = readFileSync(join(outDir, "contract-types.ts"), "utf8");
    const named = /^import \{ ([\w$]+) as source \} from "[^"]+";$/m.exec(types);
    const exportName = /^import source from /m.test(types) ? "default" : (named?.[1] ?? "contract");
    return [{ outDir, contract: resolve(outDir, source), exportName }];
  });
}
