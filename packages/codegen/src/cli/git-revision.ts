import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { CodegenError } from "../errors.js";
import type { ts } from "ts-morph";
import { resolveAliased } from "./load/aliased-imports.js";
import { SPECIFIER } from "./load/source-files.js";
import { tsMorph } from "./load/ts-morph.js";

/** A contract file as it was at a git revision, written out with the local files it imports. */
export interface RevisionContract {
  /** The contract file inside the snapshot, to load like any contract. */
  readonly file: string;
  /** The snapshot's folder: every local file the old contract loads must sit inside it. */
  readonly root: string;
  /** Removes the snapshot. */
  readonly remove: () => void;
  /**
   * The first package that a snapshot file in `files` imports by name and that is linked from a
   * folder of this repository (a workspace package) whose tracked files changed since the
   * revision: it loads as it is today, not as it was. `undefined` when there is none.
   */
  readonly changedWorkspaceImport: (files: readonly string[]) => { specifier: string; folder: string } | undefined;
}

const SCRIPT = /\.(m|c)?(t|j)sx?$/;
const CONFIG_FILES = ["package.json", "tsconfig.json"];

/**
 * Writes `file` as it was at git revision `revision`, with every local module it imports (followed
 * through relative specifiers, `.js` meaning `.ts` as under nodenext, and through `#imports`
 * subpaths and tsconfig `paths` aliases as TypeScript resolves them there), and the package.json and
 * tsconfig.json files (with relative `extends`) of their folders, all read from that revision.
 * The snapshot sits in a hidden folder of the repository's top level, so packages resolve from the
 * same node_modules as today's contract; nested node_modules folders are linked in.
 *
 * @example
 * const base = readRevisionContract("origin/main", "src/contract.ts");
 * try { await loadContract(base.file); } finally { base.remove(); }
 */
export function readRevisionContract(revision: string, file: string): RevisionContract {
  const path = resolve(file);
  if (!existsSync(dirname(path))) throw new CodegenError("MISSING_FILE", `no folder for the contract file ${file}`);
  const top = realpathSync(
    git(dirname(path), ["rev-parse", "--show-toplevel"], `${file} is not inside a git repository`).trim(),
  );
  const commit = git(
    top,
    ["rev-parse", "--verify", "--quiet", `${revision}^{commit}`],
    `no git revision ${revision} (in a shallow clone, fetch it first: git fetch origin main)`,
  ).trim();
  const tracked = new Set(
    git(top, ["ls-tree", "-r", "-z", "--name-only", commit], "cannot list the revision's files")
      .split("\0")
      .filter(Boolean),
  );
  const start = relative(top, realpathOf(path)).split(sep).join("/");
  if (!tracked.has(start)) throw new CodegenError("MISSING_FILE", `${file} does not exist at ${revision} (${start})`);

  const root = mkdtempSync(join(top, ".socket-contract-base-"));
  try {
    const written = new Set<string>();
    const queue = [start];
    const write = (entry: string): boolean => {
      if (written.has(entry) || !tracked.has(entry)) return false;
      written.add(entry);
      const target = join(root, entry);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(
        target,
        execFileSync("git", ["cat-file", "blob", `${commit}:${entry}`], { cwd: top, maxBuffer: 64 * 1024 * 1024 }),
      );
      return true;
    };
    const writeConfigsOf = (entry: string): void => {
      for (let folder = posix.dirname(entry); ; folder = posix.dirname(folder)) {
        for (const name of CONFIG_FILES) {
          const config = folder === "." ? name : `${folder}/${name}`;
          if (write(config) && name === "tsconfig.json")
            for (const extended of extendedConfigs(root, config, tracked))
              if (write(extended)) writeConfigsOf(extended);
        }
        if (folder === ".") break;
      }
    };
    while (queue.length > 0) {
      const entry = queue.shift()!;
      if (!write(entry)) continue;
      // The folders' configs before the imports: they say where an aliased import leads.
      writeConfigsOf(entry);
      if (SCRIPT.test(entry)) for (const imported of localImports(root, entry, tracked)) queue.push(imported);
    }
    linkNodeModules(top, root, written);
    return {
      file: join(root, start),
      root,
      remove: () => rmSync(root, { recursive: true, force: true }),
      changedWorkspaceImport: (files) => changedWorkspaceImport(top, commit, root, files),
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** The tracked files a module imports through relative or aliased specifiers, as TypeScript would find them. */
function localImports(root: string, entry: string, tracked: ReadonlySet<string>): string[] {
  const { ts } = tsMorph();
  const text = ts.sys.readFile(join(root, entry)) ?? "";
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .flatMap((specifier) => {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
        const resolved = resolveAliased(join(root, entry), specifier, revisionHost(root, tracked));
        return resolved === undefined ? [] : [relative(root, resolved).split(sep).join("/")];
      }
      const base = posix.normalize(posix.join(posix.dirname(entry), specifier));
      const found = candidates(base).find((candidate) => tracked.has(candidate));
      return found === undefined ? [] : [found];
    });
}

/** What TypeScript's resolution sees of the revision inside the snapshot folder: its tracked files, written or not yet. */
function revisionHost(root: string, tracked: ReadonlySet<string>): ts.ModuleResolutionHost {
  const { ts } = tsMorph();
  const inRevision = (path: string): string | undefined => {
    const entry = relative(root, path).split(sep).join("/");
    return entry.startsWith("../") || entry === "" ? undefined : entry;
  };
  return {
    fileExists: (path) => {
      const entry = inRevision(path);
      return entry === undefined ? ts.sys.fileExists(path) : tracked.has(entry);
    },
    directoryExists: (path) => {
      const entry = inRevision(path);
      return entry === undefined
        ? ts.sys.directoryExists(path)
        : [...tracked].some((file) => file.startsWith(`${entry}/`));
    },
    readFile: (path) => ts.sys.readFile(path),
  };
}

function candidates(base: string): string[] {
  const swapped = base.replace(
    /\.(m|c)?js(x?)$/,
    (_: string, kind: string | undefined, x: string) => `.${kind ?? ""}ts${x}`,
  );
  return [
    swapped,
    base,
    ...[".ts", ".tsx", ".mts", ".cts", ".d.ts", ".js", ".mjs", ".json"].map((ext) => `${base}${ext}`),
    `${base}/index.ts`,
    `${base}/index.tsx`,
    `${base}/index.js`,
  ];
}

/** The relative `extends` of a tsconfig.json (a string or a list), as tracked paths. */
function extendedConfigs(root: string, config: string, tracked: ReadonlySet<string>): string[] {
  const { ts } = tsMorph();
  const parsed = ts.parseConfigFileTextToJson(config, ts.sys.readFile(join(root, config)) ?? "{}").config as
    | { extends?: string | string[] }
    | undefined;
  const extended =
    parsed?.extends === undefined ? [] : Array.isArray(parsed.extends) ? parsed.extends : [parsed.extends];
  return extended
    .filter((specifier) => specifier.startsWith("./") || specifier.startsWith("../"))
    .map((specifier) => posix.normalize(posix.join(posix.dirname(config), specifier)))
    .flatMap((path) => [path, `${path}.json`].filter((candidate) => tracked.has(candidate)).slice(0, 1));
}

function changedWorkspaceImport(
  top: string,
  commit: string,
  root: string,
  files: readonly string[],
): { specifier: string; folder: string } | undefined {
  for (const file of files) {
    if (relative(root, file).startsWith("..")) continue;
    for (const match of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const specifier = match[2]!;
      if (/^[.#/]/.test(specifier) || isBuiltin(specifier) || /^[a-zA-Z][a-zA-Z+.-]*:/.test(specifier)) continue;
      const folder = linkedPackageFolder(dirname(file), specifier);
      if (folder === undefined) continue;
      const inRepository = relative(top, folder);
      if (inRepository.startsWith("..") || isAbsolute(inRepository)) continue;
      const status = spawnSync("git", ["diff", "--quiet", commit, "--", inRepository === "" ? "." : inRepository], {
        cwd: top,
        stdio: "ignore",
      }).status;
      if (status !== 0) return { specifier, folder: inRepository.split(sep).join("/") };
    }
  }
  return undefined;
}

/** The real folder of the package `specifier` names when a node_modules entry links to it from outside any node_modules folder (npm, yarn and pnpm workspaces). */
function linkedPackageFolder(from: string, specifier: string): string | undefined {
  const name = specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
  for (let directory = from; ; directory = dirname(directory)) {
    const entry = join(directory, "node_modules", name);
    if (existsSync(entry)) {
      const real = realpathSync(entry);
      return real.split(sep).includes("node_modules") ? undefined : real;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/** Links each snapshot folder to the node_modules its counterpart in the working tree has. */
function linkNodeModules(top: string, root: string, written: ReadonlySet<string>): void {
  const folders = new Set<string>();
  for (const entry of written)
    for (let folder = posix.dirname(entry); folder !== "."; folder = posix.dirname(folder)) folders.add(folder);
  for (const folder of folders) {
    const modules = join(top, folder, "node_modules");
    if (existsSync(modules) && existsSync(join(root, folder)))
      symlinkSync(modules, join(root, folder, "node_modules"), "dir");
  }
}

function git(cwd: string, args: readonly string[], failure: string): string {
  try {
    return execFileSync("git", [...args], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    throw new CodegenError("GIT_REVISION", failure, { cause: error });
  }
}

function realpathOf(path: string): string {
  return existsSync(path)
    ? realpathSync(path)
    : join(realpathSync(dirname(path)), posix.basename(path.split(sep).join("/")));
}
