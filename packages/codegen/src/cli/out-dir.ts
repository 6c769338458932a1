import { readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { BANNER, type GeneratedFile } from "../emit/generated-file.js";
import { CodegenError } from "../errors.js";
import { makeDir } from "./make-dir.js";

/** How the out dir differs from what the generator would write now. */
export interface OutDirDiff {
  /** Paths (relative to the out dir) that are missing or whose text differs. */
  readonly changed: readonly string[];
  /** Generated files (they carry the banner) that the contract no longer produces. */
  readonly obsolete: readonly string[];
}

/**
 * Compares generated files with the out dir, reading only. A file counts as ours when it opens
 * with the banner, so hand-written files beside the output are never touched. Line endings do not
 * count: Git for Windows checks the committed files out with CRLF, and they are still fresh.
 *
 * @example
 * const { changed, obsolete } = diffOutDir("src/generated", files);
 */
export function diffOutDir(outDir: string, files: readonly GeneratedFile[]): OutDirDiff {
  const changed = files
    .filter((file) => withLf(readText(join(outDir, file.path))) !== withLf(file.text))
    .map((file) => file.path);
  const wanted = new Set(files.map((file) => file.path));
  const obsolete = generatedFilesIn(outDir).filter((path) => !wanted.has(path));
  return { changed, obsolete };
}

/**
 * Writes what changed and deletes obsolete generated files; an unchanged file is left alone, so
 * its timestamp does not wake watchers and build caches. A file without the banner where a
 * generated one goes fails the whole write, leaving the out dir as it was.
 *
 * @example
 * writeOutDir("src/generated", files);
 */
export function writeOutDir(outDir: string, files: readonly GeneratedFile[]): OutDirDiff {
  const diff = diffOutDir(outDir, files);
  // A file of the user's own where a generated one goes (`--out src` over src/index.ts) is refused
  // before anything is written, as files without the banner are never touched.
  const foreign = diff.changed.find((path) => readText(join(outDir, path))?.startsWith(BANNER) === false);
  if (foreign !== undefined)
    throw new CodegenError(
      "UNWRITABLE_OUT",
      `${join(outDir, foreign)} was not written by socket-contract (it has no DO NOT EDIT banner); move it, or choose another --out`,
    );
  try {
    makeDir(outDir);
    for (const path of diff.changed) {
      const target = join(outDir, path);
      makeDir(dirname(target));
      writeFileSync(target, files.find((file) => file.path === path)!.text);
    }
    for (const path of diff.obsolete) rmSync(join(outDir, path));
    removeEmptiedFolders(outDir, diff.obsolete);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new CodegenError(
      "UNWRITABLE_OUT",
      `cannot write to the out dir ${outDir} (${code || (error as Error).message})`,
      { cause: error },
    );
  }
  return diff;
}

/**
 * Removes the folders that removing `obsolete` left empty (a renamed namespace's `chat/`), deepest
 * first, never the out dir itself; a folder still holding a hand-written file stays.
 */
function removeEmptiedFolders(outDir: string, obsolete: readonly string[]): void {
  const folders = new Set<string>();
  for (const path of obsolete)
    for (let folder = dirname(path); folder !== "." && folder !== ""; folder = dirname(folder)) folders.add(folder);
  for (const folder of [...folders].sort((a, b) => b.length - a.length))
    if (readdirSync(join(outDir, folder)).length === 0) rmdirSync(join(outDir, folder));
}

/**
 * Refuses an out dir that is a file (`--out src/generated.ts`, `--out src/contract.ts`) before
 * any work, with the fix; a missing folder is fine, it is created.
 *
 * @example
 * assertOutDir("src/generated");
 */
export function assertOutDir(outDir: string): void {
  let isFile = false;
  try {
    isFile = !statSync(outDir).isDirectory();
  } catch {
    return;
  }
  if (isFile)
    throw new CodegenError(
      "UNWRITABLE_OUT",
      `--out ${outDir} is a file; --out takes a folder for the generated files (for instance src/generated)`,
    );
}

/** Every file under `dir` that opens with the banner, as sorted `/`-separated relative paths. */
export function generatedFilesIn(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full);
      } else if (entry.isFile() && /\.(m|c)?ts$/.test(entry.name) && readText(full)?.startsWith(BANNER)) {
        found.push(relative(dir, full).split(sep).join("/"));
      }
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * `text` with CRLF line endings made LF.
 *
 * @example
 * withLf("a\r\nb\n"); // "a\nb\n"
 */
function withLf(text: string | undefined): string | undefined {
  return text?.replaceAll("\r\n", "\n");
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
