import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The nearest `name` in `start` or a folder above it.
 *
 * @example
 * findUp("/repo/packages/contract/src", "tsconfig.json"); // "/repo/packages/contract/tsconfig.json"
 */
export function findUp(start: string, name: string): string | undefined {
  let directory = start;
  for (;;) {
    const candidate = join(directory, name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
