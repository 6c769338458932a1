import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { ts } from "ts-morph";
import { CodegenError } from "../../errors.js";
import { resolveAliased } from "./aliased-imports.js";
import { tsMorph } from "./ts-morph.js";

/** One of the user's own source files, parsed for syntax only (no program, no type-check) when `file` is first read. */
export interface ParsedSource {
  readonly path: string;
  readonly text: string;
  readonly file: ts.SourceFile;
}

/**
 * The specifiers a file imports or re-exports from (`from "./a.js"`, `import "./b"`, `from "zod"`),
 * found in its text without parsing it: a parse needs the TypeScript compiler, a third of a second
 * to load. Matches in comments or strings only add a file to watch; a real import is never missed.
 */
export const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*(["'])([^"'\r\n]+)\1/g;

/**
 * The contract file and the local files it imports (relative specifiers, and `#imports` subpaths,
 * tsconfig `paths` aliases and workspace packages that lead to the user's own source, followed
 * transitively; installed packages are left out), each parsed on its own when first asked for (`file`). This is a
 * syntax-only read: it is what watch mode watches and where brands are looked for, and it costs
 * milliseconds where a program costs seconds.
 *
 * @example
 * const sources = readLocalSources("/repo/src/contract.ts");
 * sources.map((source) => source.path); // ["/repo/src/contract.ts", "/repo/src/schemas.ts"]
 */
export function readLocalSources(entry: string): ParsedSource[] {
  const seen = new Map<string, ParsedSource>();
  const queue = [entry];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    seen.set(path, parsedSource(path, text));
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[2]!;
      const resolved = /^\.\.?(\/|$)/.test(specifier)
        ? resolveLocal(dirname(path), specifier)
        : resolveAliased(path, specifier);
      if (resolved !== undefined && !seen.has(resolved)) queue.push(resolved);
    }
  }
  return [...seen.values()];
}

/**
 * Fails with one line, `syntax error in the contract: file:line:col TSxxxx message`, when the
 * contract or a local file it imports does not parse. Called when the module fails to load, so
 * a syntax error is reported as TypeScript words it rather than as the loader's message.
 *
 * @example
 * throwOnSyntaxError(readLocalSources(path));
 */
export function throwOnSyntaxError(sources: readonly ParsedSource[]): void {
  const diagnostics = sources.flatMap(
    (source) => (source.file as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [],
  );
  if (diagnostics.length === 0) return;
  throw new CodegenError("CONTRACT_SYNTAX", `syntax error in the contract: ${formatDiagnostics(diagnostics)}`);
}

/** The first diagnostic as `file:line:col TSxxxx message`, and how many more there are. */
export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  const { ts } = tsMorph();
  const first = diagnostics[0]!;
  const message = ts.flattenDiagnosticMessageText(first.messageText, " ");
  let where = "";
  if (first.file !== undefined && first.start !== undefined) {
    const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
    where = `${relative(process.cwd(), first.file.fileName) || first.file.fileName}:${line + 1}:${character + 1} `;
  }
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
  return `${where}TS${first.code} ${message}${more}`;
}

function parsedSource(path: string, text: string): ParsedSource {
  let file: ts.SourceFile | undefined;
  return {
    path,
    text,
    get file() {
      const { ts } = tsMorph();
      file ??= ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
      return file;
    },
  };
}

/** A relative specifier as Node and TypeScript resolve it for a TypeScript source: `./a.js` is `./a.ts`. */
function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  const swapped = base.replace(/\.(m|c)?js$/, (_: string, kind: string | undefined) => `.${kind ?? ""}ts`);
  const candidates = [swapped, base.replace(/\.js$/, ".tsx"), base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`];
  return candidates.find(
    (candidate) => /\.(m|c)?tsx?$|\.(m|c)?js$/.test(candidate) && !candidate.endsWith(".d.ts") && isFile(candidate),
  );
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function scriptKind(path: string): ts.ScriptKind {
  const { ts } = tsMorph();
  if (path.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (/\.(m|c)?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
