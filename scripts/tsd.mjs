// Type tests of the *built* packages: what a user who installs them sees, not our TypeScript source.
// Run after `turbo run build` (as `npm test` does). Exits 1 on any failing assertion.
//
// Each package's test-d/ carries its own package.json and tsconfig.json, so tsd (which reads the
// tsconfig.json nearest to its cwd) never falls back to the root one, whose
// "@socket-contract/source" condition would point imports at src/ instead of dist/.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import tsdModule from "tsd";
import ts from "typescript";

const tsd = tsdModule.default ?? tsdModule;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const packages = [
  { folder: "packages/contract", name: "@socket-contract/contract" },
  { folder: "packages/runtime-server", name: "@socket-contract/server" },
  { folder: "packages/runtime-client", name: "@socket-contract/client" },
];

let passed = 0;
let failed = 0;

for (const pkg of packages) {
  const testDir = path.join(root, pkg.folder, "test-d");
  console.log(`\n${pkg.name} (${pkg.folder}/dist/index.d.ts)`);
  const testFiles = existsSync(testDir)
    ? readdirSync(testDir)
        .filter((file) => file.endsWith(".test-d.ts"))
        .sort()
    : [];
  if (testFiles.length === 0) {
    console.log(`  ✗ no ${pkg.folder}/test-d/*.test-d.ts`);
    failed += 1;
    continue;
  }
  const misresolved = checkResolution(testDir);
  if (misresolved.length > 0) {
    for (const problem of misresolved) console.log(`  ✗ ${problem}`);
    failed += testFiles.length;
    continue;
  }

  let diagnostics;
  try {
    diagnostics = await tsd({ cwd: testDir, typingsFile: "../dist/index.d.ts", testFiles: ["*.test-d.ts"] });
  } catch (error) {
    // tsd throws a TsdError when dist/index.d.ts is missing: the build did not run.
    console.log(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
    console.log("    (build first: npx turbo run build)");
    failed += testFiles.length;
    continue;
  }

  const byFile = new Map();
  for (const diagnostic of diagnostics) {
    const file = path.relative(testDir, diagnostic.fileName);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(diagnostic);
  }
  for (const file of testFiles) {
    const found = byFile.get(file) ?? [];
    byFile.delete(file);
    if (found.length === 0) passed += 1;
    else failed += 1;
    console.log(`  ${found.length === 0 ? "✓" : "✗"} ${file}`);
    printDiagnostics(found);
  }
  // What remains came from outside the test files (the built .d.ts, a shared fixture, package.json):
  // still a failure, reported under the file it names.
  for (const [file, found] of byFile) {
    failed += 1;
    console.log(`  ✗ ${path.relative(root, path.resolve(testDir, file))}`);
    printDiagnostics(found);
  }
}

console.log(`\ntsd: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

function printDiagnostics(diagnostics) {
  for (const { line, column, message, severity } of diagnostics) {
    const where = line === undefined ? "" : `${line}:${(column ?? 0) + 1} `;
    const [first, ...rest] = String(message).split("\n");
    console.log(`      ${where}${severity === "warning" ? "warning" : "error"}: ${first}`);
    for (const more of rest) console.log(`        ${more}`);
  }
}

/**
 * Resolves our packages and zod as the tests will, with test-d/tsconfig.json, and returns what went
 * wrong: each of our packages must come from its dist/ (a "@socket-contract/source" condition would
 * silently test the source instead), and zod must resolve at all.
 */
function checkResolution(testDir) {
  const configPath = path.join(testDir, "tsconfig.json");
  if (!existsSync(configPath)) return [`missing ${path.relative(root, configPath)}`];
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (config === undefined) return [`cannot read ${path.relative(root, configPath)}`];
  const importer = path.join(testDir, "resolution-check.ts");
  const expected = [
    ...packages.map(({ name, folder }) => ({ name, within: path.join(root, folder, "dist") })),
    { name: "zod", within: undefined },
  ];
  const problems = [];
  for (const { name, within } of expected) {
    const { resolvedModule } = ts.resolveModuleName(
      name,
      importer,
      config.options,
      ts.sys,
      undefined,
      undefined,
      ts.ModuleKind.ESNext,
    );
    const resolved = resolvedModule?.resolvedFileName;
    if (resolved === undefined) problems.push(`"${name}" does not resolve from ${path.relative(root, testDir)}`);
    else if (within !== undefined && !path.resolve(resolved).startsWith(within + path.sep)) {
      problems.push(
        `"${name}" resolves to ${path.relative(root, resolved)}, not to the built ${path.relative(root, within)}`,
      );
    }
  }
  return problems;
}
