import { posix } from "node:path";

/** How generated files reach the user's contract module. */
export interface ContractSource {
  /** The contract file relative to the out dir, with `/` separators: `../contract.ts`. */
  readonly path: string;
  /** The export that holds the contract: `contract`, or `default`. */
  readonly exportName: string;
}

/** The local name generated code gives the contract value. */
export function contractLocalName(source: ContractSource): string {
  return source.exportName === "default" ? "contract" : source.exportName;
}

/**
 * The module specifier of the contract from a generated file, with the extension TypeScript
 * emits (`.ts` -> `.js`), so it resolves under `module: nodenext` and under bundlers.
 *
 * @example
 * contractSpecifier({ path: "../contract.ts", exportName: "contract" }, "chat/client.ts"); // "../../contract.js"
 */
export function contractSpecifier(source: ContractSource, fromFile: string): string {
  // Both paths are relative to the out dir; they are resolved under a root with a folder for
  // every `..` in the contract's path, so no `..` step is clipped at "/" (a root of one folder
  // turned `../../contract.ts` into `../contract.ts`).
  const depth = source.path.split("/").filter((segment) => segment === "..").length;
  const outDir = `/${Array.from({ length: depth + 1 }, (_, index) => `d${index}`).join("/")}`;
  const target = posix
    .join(outDir, source.path)
    .replace(/\.(m|c)?tsx?$/, (_: string, kind: string | undefined) => `.${kind ?? ""}js`);
  const relative = posix.relative(posix.dirname(posix.join(outDir, fromFile)), target);
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** The import structure for the contract value (or its type only). */
export function contractImport(source: ContractSource, fromFile: string, typeOnly: boolean) {
  const moduleSpecifier = contractSpecifier(source, fromFile);
  return source.exportName === "default"
    ? { isTypeOnly: typeOnly, moduleSpecifier, defaultImport: "contract" }
    : { isTypeOnly: typeOnly, moduleSpecifier, namedImports: [source.exportName] };
}
