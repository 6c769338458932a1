import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { CodegenError } from "../../errors.js";

/**
 * Imports the contract module from its TypeScript source (no build first). Every call loads the
 * user's files afresh, so watch mode sees edits; packages stay cached.
 *
 * @example
 * const module = await importContractModule("/repo/src/contract.ts");
 */
export async function importContractModule(path: string): Promise<Record<string, unknown>> {
  try {
    return (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    const kind = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
    throw new CodegenError("CONTRACT_LOAD", `the contract module threw while loading: ${kind}${message}`, { cause: error });
  }
}
