import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type GeneratedFile, generate } from "@socket-contract/codegen";
import type { Contract } from "@socket-contract/contract";
import ts from "typescript";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FRAGMENTS, GIVEN } from "./docs-snippets/given.js";

// Every TypeScript block of the READMEs and docs type-checks against the packages' built
// declarations, as a user who copies it sees them (a README line that did not compile, and an
// interceptor passed as `tracing` instead of `tracing()`, were found only by hand). A block is
// its own module; what it uses without declaring (the quick start's `contract`, a `socket`, an
// app's own `save`) comes from GIVEN, typed where the block's meaning depends on it. The blocks
// that use generated wrappers get what `socket-contract generate` writes for the quick start.
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const documents = [
  "README.md",
  "docs/evolving.md",
  "docs/reliability.md",
  "docs/scaling-out.md",
  "docs/performance.md",
  "packages/codegen/README.md",
  "packages/contract/README.md",
  "packages/opentelemetry/README.md",
  "packages/runtime-client/README.md",
  "packages/runtime-server/README.md",
  "examples/chat/README.md",
];
const here = join(root, "test/.docs-snippets");

interface Block {
  readonly where: string;
  readonly file: string;
  readonly text: string;
}

function blocksOf(document: string): Block[] {
  const lines = readFileSync(join(root, document), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let at = 0; at < lines.length; at++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[at]!)) continue;
    const start = at + 1;
    while (at + 1 < lines.length && !lines[at + 1]!.startsWith("```")) at++;
    const text = lines.slice(start, at + 1).join("\n");
    const where = `${document}:${start + 1}`;
    blocks.push({ where, file: join(here, `${document.replace(/[/.]/g, "-")}-${start}.ts`), text });
    at++;
  }
  return blocks;
}

const all = documents.flatMap(blocksOf);
const quickStart = all.find(
  (block) => block.where.startsWith("README.md:") && /export const contract = defineContract/.test(block.text),
);
// The quick start's contract, run, for the generator: the block is plain JavaScript, and a folder of
// its own whose node_modules is the repository's resolves its imports.
const scratch = mkdtempSync(join(tmpdir(), "docs-snippets-"));
let generated: readonly GeneratedFile[] = [];
beforeAll(async () => {
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
  writeFileSync(join(scratch, "quick-start.mjs"), quickStart!.text);
  const module = (await import(pathToFileURL(join(scratch, "quick-start.mjs")).href)) as { contract: Contract };
  generated = generate(module.contract, {
    source: { path: "../quick-start.ts", exportName: "contract" },
    exports: module,
  });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fragment = (block: Block) => FRAGMENTS.some((start) => block.text.startsWith(start));
const checked = all.filter((block) => !fragment(block));

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: ["node"],
};

let previous: ts.Program | undefined;

/** Type-checks the blocks, each after its `extra`; returns each diagnostic with its block and line in it. */
function check(extra: (block: Block) => string): { block: Block; code: number; message: string; line: number }[] {
  const sources = new Map<string, string>();
  sources.set(join(here, "quick-start.ts"), `${quickStart!.text}\n`);
  // A user's own module of that contract, as the scale-out guide imports it.
  sources.set(join(here, "contract.ts"), 'export * from "./quick-start.js";\n');
  sources.set(join(here, "package.json"), '{ "type": "module" }');
  for (const file of generated) sources.set(join(here, "generated", file.path), file.text);
  // Before the block: TypeScript finds a declaration's type circular when a contextually typed use comes first.
  const offsets = new Map<string, number>();
  for (const block of checked) {
    const given = extra(block);
    offsets.set(block.file, given === "" ? 0 : given.split("\n").length);
    sources.set(block.file, `${given === "" ? "" : `${given}\n`}${block.text}\nexport {};\n`);
  }
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => sources.get(name) ?? read(name);
  host.fileExists = (name) => sources.has(name) || exists(name);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => name === here || name.startsWith(`${here}/`) || (directoryExists?.(name) ?? true);
  host.getSourceFile = (name, language, ...rest) => {
    const text = sources.get(name);
    return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  // The previous round's program lends its unchanged files (the packages' declarations, Zod's).
  const program = ts.createProgram(
    checked.map((block) => block.file),
    options,
    host,
    previous,
  );
  previous = program;
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const block = checked.find((candidate) => candidate.file === diagnostic.file?.fileName);
    const name = diagnostic.file?.fileName ?? "";
    const line =
      (diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? 0) - (offsets.get(name) ?? 0);
    return {
      block: block ?? { where: relative(root, diagnostic.file?.fileName ?? "?"), file: "", text: "" },
      code: diagnostic.code,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
      line,
    };
  });
}

it("finds the quick start's contract and every block it checks", () => {
  expect(quickStart?.where).toMatch(/^README\.md:\d+$/);
  expect(checked.length).toBeGreaterThan(15);
  // A fragment listed that no document holds any more would excuse nothing: take it out of the list.
  for (const start of FRAGMENTS) expect(all.some((block) => block.text.startsWith(start))).toBe(true);
});

it("type-checks every TypeScript block of the READMEs and docs", { timeout: 120_000 }, () => {
  // What a block uses without declaring: TypeScript's "cannot find name" (2304, 2552) and a shorthand
  // property with nothing behind it (18004) name it.
  // A declaration GIVEN adds may use another name (a `socket` is typed by `contract`): again, until none is new.
  const free = new Map<Block, Set<string>>();
  const given = (block: Block) => [...(free.get(block) ?? [])].map((name) => GIVEN[name] ?? "").join("\n");
  let diagnostics = check(given);
  for (let round = 0; round < 3; round++) {
    let added = false;
    for (const { block, code, message } of diagnostics) {
      if (code !== 2304 && code !== 2552 && code !== 18004) continue;
      const name = /'([^']+)'/.exec(message)![1]!;
      const names = free.get(block) ?? new Set();
      if (GIVEN[name] === undefined || names.has(name)) continue;
      free.set(block, names.add(name));
      added = true;
    }
    if (!added) break;
    diagnostics = check(given);
  }
  const failures = diagnostics.map(
    ({ block, line, message }) =>
      `${block.where.replace(/:(\d+)$/, (_, first) => `:${Number(first) + line}`)}: ${message}`,
  );
  expect(failures).toEqual([]);
});
