import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Project, type SourceFile, ts } from "ts-morph";
import { CodegenError } from "../../errors.js";

/** The contract's source in a ts-morph project, with the compiler options of its nearest tsconfig.json. */
export interface ContractProject {
  readonly project: Project;
  readonly file: SourceFile;
}

/**
 * Opens the contract file with the compiler options that govern it (the nearest tsconfig.json,
 * or strict NodeNext defaults), and fails with one clear line on a syntax error in the contract
 * or in the local modules it imports. Types are checked later, by `checkContractTypes`, once the
 * checker's probe is in the program, so the contract is type-checked once, not twice.
 *
 * @example
 * const { project, file } = openContractProject("/repo/src/contract.ts");
 */
export function openContractProject(path: string): ContractProject {
  const tsConfigFilePath = findUp(dirname(path), "tsconfig.json");
  const project =
    tsConfigFilePath === undefined
      ? new Project({ compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true } })
      : new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath(path);
  project.resolveSourceFileDependencies();
  const local = localSourceFiles(file);
  const syntax = local.flatMap((source) => project.getProgram().compilerObject.getSyntacticDiagnostics(source.compilerNode));
  if (syntax.length > 0) throw new CodegenError("CONTRACT_SYNTAX", `syntax error in the contract: ${formatDiagnostics(syntax.map((d) => d))}`);
  return { project, file };
}

/**
 * Fails with one clear line on a type error in the contract or in the local modules it imports.
 *
 * @example
 * checkContractTypes(openContractProject("/repo/src/contract.ts"));
 */
export function checkContractTypes({ project, file }: ContractProject): void {
  const types = localSourceFiles(file).flatMap((source) => project.getProgram().getSemanticDiagnostics(source));
  if (types.length > 0) throw new CodegenError("CONTRACT_TYPE", `type error in the contract: ${formatDiagnostics(types.map((d) => d.compilerObject))}`);
}

/** The contract file and the files it imports that belong to the user, not to a package. */
export function localSourceFiles(file: SourceFile): SourceFile[] {
  const seen = new Set<SourceFile>([file]);
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const imported of current.getReferencedSourceFiles()) {
      if (seen.has(imported) || isPackageFile(imported)) continue;
      seen.add(imported);
      queue.push(imported);
    }
  }
  return [...seen];
}

function isPackageFile(file: SourceFile): boolean {
  return file.isInNodeModules() || file.isDeclarationFile() || file.isFromExternalLibrary();
}

/** The first diagnostic as `file:line:col TSxxxx message`, and how many more there are. */
function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
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

function findUp(start: string, name: string): string | undefined {
  let directory = start;
  for (;;) {
    const candidate = join(directory, name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

