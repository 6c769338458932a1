import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { register as registerRequire } from "tsx/cjs/api";
import { register, tsImport } from "tsx/esm/api";
import { CodegenError } from "../../errors.js";
import { findUp } from "./find-up.js";
import { keepPackagesNative } from "./package-hooks.js";
import { thrownAt } from "./thrown-at.js";

/**
 * Imports the contract module from its TypeScript source (no build first). Every call loads the
 * user's files afresh, in a tsx namespace of its own, so watch mode sees edits; packages load
 * natively, once, shared with the generator (see package-hooks.ts).
 *
 * @example
 * const module = await importContractModule("/repo/src/contract.ts");
 */
export async function importContractModule(path: string): Promise<Record<string, unknown>> {
  // tsx reads the tsconfig.json of the working folder unless told; the contract's own is the one
  // whose `paths` its imports use, wherever the CLI is run from (a monorepo's root, a CI step).
  const tsconfig = process.env.TSX_TSCONFIG_PATH ?? findUp(dirname(path), "tsconfig.json");
  try {
    // A CommonJS contract goes through tsx's require, as `tsImport` sends it.
    if (/\.c[jt]s$/.test(path))
      return esModuleView(
        await settledBeforeExit(
          tsImport(pathToFileURL(path).href, {
            parentURL: import.meta.url,
            ...(tsconfig === undefined ? {} : { tsconfig }),
          }),
        ),
      );
    // What `tsImport` does for the rest, with our hook put in front of tsx's before the import.
    // Its require hook too: a .ts file of a CommonJS project is loaded through require, which
    // on Node 24 finds the namespaced file only through tsx's hook of the same name.
    const namespace = randomUUID();
    forgetRequiredFiles();
    withTsconfigPath(tsconfig, () => registerRequire({ namespace }));
    const api = register({ namespace, ...(tsconfig === undefined ? {} : { tsconfig }) });
    await keepPackagesNative();
    return esModuleView(await settledBeforeExit(api.import(pathToFileURL(path).href, import.meta.url)));
  } catch (error) {
    if (error instanceof NeverSettled)
      throw new CodegenError(
        "CONTRACT_LOAD",
        "the contract module never finished loading: a top-level await in it (or in a file it imports) never settled",
      );
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    const kind = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
    const where = thrownAt(error);
    throw new CodegenError(
      "CONTRACT_LOAD",
      `the contract module threw while loading: ${kind}${message}${where === undefined ? "" : ` (at ${where})`}`,
      { cause: error },
    );
  }
}

class NeverSettled extends Error {}

/**
 * `loading`, or a `NeverSettled` rejection once nothing else is left for the process to do: a
 * module whose top-level await never settles (a connection it waits for) would otherwise end the
 * process with Node's exit code 13 and a warning naming the CLI's own file.
 */
async function settledBeforeExit<T>(loading: Promise<T>): Promise<T> {
  let onBeforeExit = (): void => {};
  const stuck = new Promise<never>((_, reject) => {
    onBeforeExit = () => reject(new NeverSettled());
  });
  process.once("beforeExit", onBeforeExit);
  try {
    return await Promise.race([loading, stuck]);
  } finally {
    process.off("beforeExit", onBeforeExit);
  }
}

/** Runs `register` with TSX_TSCONFIG_PATH set to `tsconfig`: tsx's require hook reads it there, taking no option. */
function withTsconfigPath(tsconfig: string | undefined, register: () => void): void {
  const before = process.env.TSX_TSCONFIG_PATH;
  if (tsconfig !== undefined) process.env.TSX_TSCONFIG_PATH = tsconfig;
  try {
    register();
  } finally {
    if (before === undefined) delete process.env.TSX_TSCONFIG_PATH;
    else process.env.TSX_TSCONFIG_PATH = before;
  }
}

/**
 * The module's exports as generated code imports them. A contract compiled to CommonJS (a .ts file
 * of a project without "type": "module") reaches `import()` with its whole `module.exports` as
 * `default`; its own `export default` is that object's `default`, flagged by `__esModule`, which
 * is where TypeScript's `import source from` reads it.
 */
function esModuleView(module: Record<string, unknown>): Record<string, unknown> {
  const exported = module.default as { __esModule?: unknown; default?: unknown } | null | undefined;
  if (
    typeof exported !== "object" ||
    exported === null ||
    exported.__esModule !== true ||
    !Object.hasOwn(exported, "default")
  )
    return module;
  return { ...module, default: exported.default };
}

/**
 * Drops the user's files that earlier loads required (tsx keys them by path and namespace) from
 * the require cache. A CommonJS contract's own requires resolve into the first load's namespace,
 * not the new one, so under --watch they came back from that cache and an edit of an imported
 * file was never seen.
 */
function forgetRequiredFiles(): void {
  const cache = createRequire(import.meta.url).cache;
  for (const key of Object.keys(cache)) if (/[?&]namespace=/.test(key)) delete cache[key];
}
