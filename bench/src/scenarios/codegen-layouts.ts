import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  type AppImports,
  appTsconfig,
  contractModule,
  floorApp,
  generatedApp,
  inferenceApp,
} from "../codegen-fixtures.js";
import { CLI, timed, writeProject } from "./codegen-run.js";

const require = createRequire(import.meta.url);
export const TSC = require.resolve("typescript/bin/tsc");
/** Generating (and building) the type-check app's inputs is not what is timed here, so it may take longer. */
export const SETUP_TIMEOUT_MS = 240_000;

/** How the app reaches the contract: the two layouts scenario 7b type-checks. */
export interface Layout {
  readonly key: "source" | "package";
  /** How the report names it. */
  readonly label: string;
  /**
   * Writes the app folder with `app-generated.ts`, `app-inference.ts` and a tsconfig for each
   * (`tsconfig.generated.json`, `tsconfig.inference.json`); false when generating took too long.
   */
  readonly write: (dir: string, events: number) => boolean;
}

const PACKAGE_NAME = "bench-items-contract";

/** The package layout's imports: the built package's entry points, as the chat example exports them. */
const PACKAGE_IMPORTS: AppImports = {
  contract: PACKAGE_NAME,
  generated: `${PACKAGE_NAME}/generated`,
  generatedServer: `${PACKAGE_NAME}/generated/server`,
};

function writeApps(dir: string, events: number, from?: AppImports): void {
  writeFileSync(path.join(dir, "app-generated.ts"), generatedApp(events, from));
  writeFileSync(path.join(dir, "app-inference.ts"), inferenceApp(events, from));
  writeFileSync(path.join(dir, "tsconfig.generated.json"), appTsconfig(["app-generated.ts"]));
  writeFileSync(path.join(dir, "tsconfig.inference.json"), appTsconfig(["app-inference.ts"]));
  writeFileSync(path.join(dir, "app-floor.ts"), floorApp());
  writeFileSync(path.join(dir, "tsconfig.floor.json"), appTsconfig(["app-floor.ts"]));
}

/** `contract.ts` and `generated/` are source files of the app: tsc checks the contract's Zod expressions in both variants. */
function writeSourceLayout(dir: string, events: number): boolean {
  writeProject(dir, events);
  if (timed(dir, CLI, ["generate", "contract.ts", "--out", "generated"], SETUP_TIMEOUT_MS).ms === Infinity)
    return false;
  writeApps(dir, events);
  return true;
}

/**
 * The contract in a workspace package of its own, laid out as the chat example's contract package:
 * `src/contract.ts`, the wrappers generated into `src/generated`, built by tsc into `dist` (code
 * and declarations), exported through `package.json` `exports` with `types` conditions, and linked
 * into the app's `node_modules` as npm workspaces link it. The app reads only the declarations,
 * with `skipLibCheck` as a published or `tsc -b`-built package is read.
 */
function writePackageLayout(dir: string, events: number): boolean {
  rmSync(dir, { recursive: true, force: true });
  const shared = path.join(dir, "shared");
  mkdirSync(path.join(shared, "src"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), `{ "type": "module", "private": true }\n`);
  const entry = (file: string) => ({ types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` });
  const manifest = {
    name: PACKAGE_NAME,
    private: true,
    type: "module",
    exports: {
      ".": entry("contract"),
      "./generated": entry("generated/index"),
      "./generated/server": entry("generated/server"),
    },
  };
  writeFileSync(path.join(shared, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(shared, "src", "contract.ts"), contractModule(events));
  const generate = ["generate", "src/contract.ts", "--out", "src/generated"];
  if (timed(shared, CLI, generate, SETUP_TIMEOUT_MS).ms === Infinity) return false;
  const build = JSON.parse(appTsconfig([])) as { compilerOptions: Record<string, unknown> };
  const compilerOptions = {
    ...build.compilerOptions,
    noEmit: false,
    declaration: true,
    rootDir: "src",
    outDir: "dist",
  };
  writeFileSync(
    path.join(shared, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions, include: ["src"] }, null, 2)}\n`,
  );
  const built = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], {
    cwd: shared,
    encoding: "utf8",
    timeout: SETUP_TIMEOUT_MS,
    killSignal: "SIGKILL",
  });
  if ((built.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") return false;
  if (built.status !== 0)
    throw new Error(
      `building the contract package exited ${built.status}:\n${built.stdout}${built.stderr}`.slice(0, 4000),
    );
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  symlinkSync(path.join("..", "shared"), path.join(dir, "node_modules", PACKAGE_NAME), "dir");
  writeApps(dir, events, PACKAGE_IMPORTS);
  return true;
}

/** Both layouts, in the order the report prints them. */
export const LAYOUTS: readonly Layout[] = [
  { key: "source", label: "contract as source files of the app", write: writeSourceLayout },
  { key: "package", label: "contract as a built workspace package", write: writePackageLayout },
];
