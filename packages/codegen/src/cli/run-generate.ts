import { relative, resolve, sep } from "node:path";
import type { EmitCache } from "../emit/emit-cache.js";
import { generate } from "../emit/generate.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { type LoadedContract, loadContract } from "./load/load-contract.js";

export interface GenerateRequest {
  readonly contractFile: string;
  readonly outDir: string;
  readonly exportName?: string;
}

/** The files a contract file generates into an out dir, and the contract as loaded. */
export interface GenerateResult {
  readonly files: readonly GeneratedFile[];
  readonly loaded: LoadedContract;
}

/**
 * Loads the contract from its source and runs the pure pipeline on it, with the contract's path
 * relative to the out dir for the banner and imports.
 *
 * @example
 * const { files } = await generateFromFile({ contractFile: "src/contract.ts", outDir: "src/generated" });
 */
export async function generateFromFile(request: GenerateRequest, cache?: EmitCache): Promise<GenerateResult> {
  const loaded = await loadContract(request.contractFile, request.exportName);
  const path = relative(resolve(request.outDir), loaded.path).split(sep).join("/");
  const files = generate(loaded.contract, {
    source: { path, exportName: loaded.exportName },
    exports: loaded.exports,
    staticTypes: loaded.staticTypes,
    ...(cache === undefined ? {} : { cache }),
  });
  return { files, loaded };
}
