import { dirname } from "node:path";
import type { Project, SourceFile, ts } from "ts-morph";
import { findUp } from "./find-up.js";
import { type DefinitionSteps, focusedSource } from "./focused-source.js";
import { tsMorph } from "./ts-morph.js";

/** The contract's source in a ts-morph project, with the compiler options of its nearest tsconfig.json. */
export interface ContractProject {
  readonly project: Project;
  readonly file: SourceFile;
}

/**
 * Opens the contract file with the compiler options that govern it (the nearest tsconfig.json,
 * or strict NodeNext defaults), for the checker's questions about the few schemas whose type the
 * running value cannot tell. The normal path never calls this. With `focus`, the contract's
 * definition keeps only what the asked paths go through (see focused-source.ts).
 *
 * @example
 * const { project, file } = openContractProject("/repo/src/contract.ts");
 */
export function openContractProject(
  path: string,
  focus?: { source: ts.SourceFile; exportName: string; paths: readonly DefinitionSteps[] },
): ContractProject {
  const { Project, ts } = tsMorph();
  const tsConfigFilePath = findUp(dirname(path), "tsconfig.json");
  const project =
    tsConfigFilePath === undefined
      ? new Project({
          compilerOptions: {
            strict: true,
            target: ts.ScriptTarget.ES2022,
            module: ts.ModuleKind.NodeNext,
            moduleResolution: ts.ModuleResolutionKind.NodeNext,
            skipLibCheck: true,
          },
        })
      : new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true });
  const file =
    focus === undefined
      ? project.addSourceFileAtPath(path)
      : project.createSourceFile(path, focusedSource(focus.source, focus.exportName, focus.paths), { overwrite: true });
  project.resolveSourceFileDependencies();
  return { project, file };
}
