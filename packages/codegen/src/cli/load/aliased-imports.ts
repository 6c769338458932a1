import { existsSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import type { ts } from "ts-morph";
import { tsMorph } from "./ts-morph.js";

/**
 * The user's own file that a non-relative specifier names, as TypeScript resolves it under the
 * options of the nearest tsconfig.json: a `#imports` subpath of the package.json or a tsconfig
 * `paths` alias. A specifier that names a package found in a node_modules folder (`zod`, a
 * workspace package) is left out without loading TypeScript, so a contract that imports only
 * packages and relative files costs no compiler. `host` answers which files exist (a git
 * revision's, for `diff --base`).
 *
 * @example
 * resolveAliased("/repo/src/message.ts", "#schemas/user.js"); // "/repo/src/schemas/user.ts"
 * resolveAliased("/repo/src/message.ts", "zod"); // undefined
 */
export function resolveAliased(
  from: string,
  specifier: string,
  host: ts.ModuleResolutionHost = tsMorph().ts.sys,
): string | undefined {
  if (isBuiltin(specifier) || /^[a-zA-Z][a-zA-Z+.-]*:/.test(specifier)) return undefined;
  if (!specifier.startsWith("#") && isPackage(dirname(from), specifier)) return undefined;
  const { ts } = tsMorph();
  const { resolvedModule } = ts.resolveModuleName(specifier, from, optionsFor(dirname(from)), host);
  const file = resolvedModule?.resolvedFileName;
  if (file === undefined || /\.d\.(m|c)?ts$/.test(file) || !/\.(m|c)?(ts|tsx|js)$/.test(file)) return undefined;
  return file.split(/[\\/]/).includes("node_modules") ? undefined : file;
}

/** Whether `specifier`'s package is in a node_modules folder at or above `dir`. */
function isPackage(dir: string, specifier: string): boolean {
  const name = specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
  for (let directory = dir; ; directory = dirname(directory)) {
    if (existsSync(join(directory, "node_modules", name))) return true;
    if (dirname(directory) === directory) return false;
  }
}

const optionsByConfig = new Map<string, ts.CompilerOptions>();

/**
 * The compiler options of the tsconfig.json nearest to `dir` (with its `extends`), resolving as a
 * bundler does where the project says nothing or an older mode: tsx, which loads the contract,
 * follows `paths`, `#imports` and extensionless specifiers whatever the tsconfig says.
 */
function optionsFor(dir: string): ts.CompilerOptions {
  const { ts } = tsMorph();
  const config = ts.findConfigFile(dir, ts.sys.fileExists) ?? "";
  let options = optionsByConfig.get(config);
  if (options === undefined) {
    const parsed =
      config === ""
        ? undefined
        : ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    const own = parsed?.options ?? {};
    const modern =
      own.moduleResolution === ts.ModuleResolutionKind.Node16 ||
      own.moduleResolution === ts.ModuleResolutionKind.NodeNext ||
      own.moduleResolution === ts.ModuleResolutionKind.Bundler;
    options = modern
      ? own
      : { ...own, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
    optionsByConfig.set(config, options);
  }
  return options;
}
