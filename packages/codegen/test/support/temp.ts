import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { codegenRoot } from "./cli.js";

const base = join(codegenRoot, "test/.tmp");
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A scratch folder inside the repository, so a contract written there resolves zod and the
 * workspace packages like any contract of the project; removed after the file's tests.
 */
export function tempDir(): string {
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "case-"));
  made.push(dir);
  return dir;
}
