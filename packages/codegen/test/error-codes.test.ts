import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const src = join(import.meta.dirname, "../src");

/** Every TypeScript source of the generator, as text. */
function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [readFileSync(join(dir, entry.name), "utf8")]
        : [],
  );
}

it("every CodegenErrorCode a user may switch on is one the generator throws, and it throws no other", () => {
  const declared = /export type CodegenErrorCode =([^;]*);/.exec(readFileSync(join(src, "errors.ts"), "utf8"))![1]!;
  const codes = [...declared.matchAll(/"([A-Z_]+)"/g)].map((match) => match[1]).sort();
  const thrown = [
    ...new Set(
      sources().flatMap((text) => [...text.matchAll(/new CodegenError\(\s*"([A-Z_]+)"/g)].map((match) => match[1])),
    ),
  ].sort();
  expect(codes).toEqual(thrown);
});
