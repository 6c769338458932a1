import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { type Contract, isContract } from "@socket-contract/contract";
import { CodegenError } from "../../errors.js";
import type { StaticTypes } from "../../model/static-types.js";
import { readBrandHints } from "./brand-hints.js";
import { checkerStaticTypes } from "./checker-static-types.js";
import { importContractModule } from "./import-contract.js";
import { readLocalSources, throwOnSyntaxError } from "./source-files.js";
import { assertRenderable } from "./renderable.js";

/** A contract read from its source file, with everything the generator needs from that source. */
export interface LoadedContract {
  readonly path: string;
  readonly exportName: string;
  readonly contract: Contract;
  readonly exports: Readonly<Record<string, unknown>>;
  readonly staticTypes: StaticTypes;
  /** The contract file and the local files it imports: what watch mode watches. */
  readonly files: readonly string[];
}

/**
 * Loads a contract module from its TypeScript source: imports it, finds the contract export
 * (`contract` unless told, or the only contract the module exports), reads its local files for
 * syntax only (what watch mode watches, and the brands), and prepares a checker that opens a
 * program only if the model asks it something. A module that fails to load is parsed, so a
 * syntax error is reported as one TypeScript line.
 *
 * @example
 * const loaded = await loadContract("src/contract.ts");
 */
export async function loadContract(file: string, exportName?: string): Promise<LoadedContract> {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new CodegenError("MISSING_FILE", `no contract file at ${file}`);
  let exports: Record<string, unknown>;
  try {
    exports = await importContractModule(path);
  } catch (error) {
    throwOnSyntaxError(readLocalSources(path));
    throw error;
  }
  const name = exportName ?? defaultExportName(exports, file);
  if (!Object.hasOwn(exports, name)) {
    const contracts = Object.keys(exports).filter((key) => isContract(exports[key]));
    const hint = contracts.length === 0 ? "it exports no contract" : `contracts it exports: ${contracts.join(", ")}`;
    throw new CodegenError("NO_SUCH_EXPORT", `${file} has no export named "${name}" (${hint})`);
  }
  const contract = exports[name];
  if (!isContract(contract))
    throw new CodegenError(
      "NOT_A_CONTRACT",
      `the export "${name}" of ${file} is not a contract made by defineContract`,
    );
  assertRenderable(contract);
  const sources = readLocalSources(path);
  return {
    path,
    exportName: name,
    contract,
    exports,
    staticTypes: checkerStaticTypes(path, name, readBrandHints(sources, exports), sources[0]),
    files: sources.map((source) => source.path),
  };
}

function defaultExportName(exports: Readonly<Record<string, unknown>>, file: string): string {
  if (Object.hasOwn(exports, "contract")) return "contract";
  const contracts = Object.keys(exports).filter((key) => isContract(exports[key]));
  if (contracts.length === 1) return contracts[0]!;
  if (contracts.length === 0)
    throw new CodegenError(
      "NO_SUCH_EXPORT",
      `${file} exports no contract (expected an export made by defineContract, or name one with --export)`,
    );
  throw new CodegenError(
    "NO_SUCH_EXPORT",
    `${file} exports several contracts (${contracts.join(", ")}); choose one with --export`,
  );
}
