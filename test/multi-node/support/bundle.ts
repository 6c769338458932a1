import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ENTRY = fileURLToPath(new URL("./node-server.ts", import.meta.url));
// What the node script is built from; a change to any of these makes a new bundle.
const SOURCES = [
  "packages/contract/src",
  "packages/runtime-server/src",
  "test/multi-node/support",
  "test/multi-node/fixtures",
  "package-lock.json",
];

let bundled: Promise<string> | undefined;

/**
 * The node script as one JavaScript file, built from the TypeScript sources through the
 * "@socket-contract/source" condition, as the tests resolve them. A node process then starts in a
 * fraction of the time `--import tsx` takes, which resolves every module of socket.io and redis
 * through loader hooks: on a busy 2-core machine, seconds per process. Built once per set of
 * sources and shared by every test file.
 *
 * @example
 * fork(await nodeServerBundle(), [], { serialization: "advanced" });
 */
export function nodeServerBundle(): Promise<string> {
  return (bundled ??= buildOnce());
}

async function buildOnce(): Promise<string> {
  const directory = join(tmpdir(), `socket-contract-multi-node-${sourceHash()}`);
  const file = join(directory, "node-server.mjs");
  if (existsSync(file)) return file;
  mkdirSync(directory, { recursive: true });
  // Test files build in parallel: each writes its own file and renames it into place, atomically.
  const temporary = join(directory, `node-server.${process.pid}.${Date.now()}.mjs`);
  await build({
    entryPoints: [ENTRY],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@socket-contract/source"],
    // ws loads these optional native add-ons inside a try; they are not installed.
    external: ["bufferutil", "utf-8-validate"],
    // The CommonJS modules inside (socket.io, redis) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: "error",
  });
  renameSync(temporary, file);
  return file;
}

function sourceHash(): string {
  const hash = createHash("sha256");
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else if (/\.(ts|json)$/.test(path)) {
      hash.update(path).update(readFileSync(path));
    }
  };
  for (const source of SOURCES) visit(join(ROOT, source));
  return hash.digest("hex").slice(0, 16);
}
