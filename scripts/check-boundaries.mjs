#!/usr/bin/env node
// The package boundary that Biome's noRestrictedImports cannot see: a relative import that climbs out
// of its package into the repository's test/. Biome matches specifiers as text, and `../../test/x.js`
// is a package's own test folder or the repository's depending on where the importing file sits; here
// each relative specifier is resolved against its file. (examples/ and bench/ have no namesake inside
// a package, so biome.jsonc catches those by name.)
//
//   node scripts/check-boundaries.mjs [root]     exits 1 and lists every forbidden import
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const RULE = "boundaries/noPackageToRepoTests";
const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;
const SKIPPED = new Set(["node_modules", "dist", "golden", "generated", ".turbo", ".tmp"]);

/** Every source file under `dir`, skipping installed, built and generated folders. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(join(dir, entry.name));
    return SOURCE.test(entry.name) ? [join(dir, entry.name)] : [];
  });
}

/** The module specifiers of a file: imports, re-exports, dynamic imports and requires. */
function specifiersOf(file) {
  const text = readFileSync(file, "utf8");
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName, pos }) => ({
    specifier: fileName,
    line: text.slice(0, pos).split("\n").length,
  }));
}

/** What is wrong with one import of a package's file, or undefined. */
function violation(root, file, specifier) {
  if (!specifier.startsWith(".")) return undefined;
  const target = relative(root, resolve(dirname(file), specifier)).split(sep);
  if (target[0] !== "test") return undefined;
  return "a package never imports the repository's test/ (DESIGN.md, Packages): give it its own fixture or helper";
}

export function checkBoundaries(root) {
  const problems = [];
  for (const pkg of readdirSync(join(root, "packages"), { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    for (const file of sourceFiles(join(root, "packages", pkg.name))) {
      for (const { specifier, line } of specifiersOf(file)) {
        const why = violation(root, file, specifier);
        if (why !== undefined) problems.push(`${relative(root, file)}:${line} ${RULE}: "${specifier}": ${why}.`);
      }
    }
  }
  return problems;
}

const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), ".."));
const problems = checkBoundaries(root);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`check-boundaries: ${problems.length} forbidden import${problems.length === 1 ? "" : "s"}.`);
  process.exit(1);
}
console.log("check-boundaries: no package imports the repository's test/.");
