import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdirSync(path, { recursive: true })` that always returns or throws. Node's recursive mkdir reads
 * ENOENT as "the parent is missing", makes the parent and tries again: under /proc, where Linux
 * answers ENOENT to a new folder whose parent exists, it does so forever at 100% CPU (sync and
 * async alike, Node 20 to 24). Here the missing folders are found walking up, then made walking down
 * with one plain mkdir each, so such a path fails at once with ENOENT; a file where a folder must be
 * fails with ENOTDIR (the recursive mkdir said EEXIST, naming the file as if it were in the way).
 *
 * @example
 * makeDir("src/generated/chat");
 */
export function makeDir(path: string): void {
  const missing: string[] = [];
  for (let current = resolve(path); ; ) {
    try {
      mkdirSync(current);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") {
        if (statSync(current).isDirectory()) break;
        throw notADirectory(current);
      }
      const parent = dirname(current);
      if (code !== "ENOENT" || parent === current) throw error;
      missing.push(current);
      current = parent;
    }
  }
  for (let index = missing.length - 1; index >= 0; index--) {
    try {
      mkdirSync(missing[index]!);
    } catch (error) {
      // Made meanwhile by someone else (a second generate, a watcher) is as good as made here.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(missing[index]!).isDirectory()) throw error;
    }
  }
}

function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), {
    code: "ENOTDIR",
    syscall: "mkdir",
    path,
  });
}
