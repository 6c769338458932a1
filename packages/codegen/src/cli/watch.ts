import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { EmitCache } from "../emit/emit-cache.js";
import { CodegenError } from "../errors.js";
import type { CliContext } from "./cli-context.js";
import { readLocalSources } from "./load/source-files.js";
import { writeOutDir } from "./out-dir.js";
import { type GenerateRequest, generateFromFile } from "./run-generate.js";

const DEBOUNCE_MS = 50;

/**
 * Generates once, then again whenever the contract file or a local file it imports changes,
 * printing one line per run. A broken contract prints its error and keeps watching. Returns when
 * `context.stopped` resolves (SIGINT), with every watcher closed.
 *
 * The folders holding those files are watched, not the files: an editor that saves by writing a
 * new file and renaming it over the old one (vim, JetBrains "safe write", `sed -i`) replaces the
 * file a watcher was attached to, and a watcher on the file would hear nothing after that. The
 * process stays warm between runs: packages stay loaded, and a namespace whose model did not
 * change reuses its printed files.
 *
 * @example
 * await watchContract({ contractFile: "src/contract.ts", outDir: "src/generated" }, context);
 */
export async function watchContract(request: GenerateRequest, context: CliContext): Promise<void> {
  const folders = new Map<string, FSWatcher>();
  let files = new Set<string>([resolve(request.contractFile)]);
  const cache = new EmitCache();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  let stopped = false;
  let changedFile = "";

  const run = async (reason: string): Promise<void> => {
    const started = performance.now();
    try {
      const result = await generateFromFile(request, cache);
      const { changed, obsolete } = writeOutDir(request.outDir, result.files);
      const ms = Math.round(performance.now() - started);
      context.out(
        `[watch] ${reason}: ${changed.length} written, ${obsolete.length} removed, ${result.files.length - changed.length} unchanged (${ms} ms)`,
      );
      follow(result.loaded.files);
    } catch (error) {
      if (!CodegenError.is(error)) throw error;
      context.err(`[watch] ${reason}: socket-contract: ${error.message}`);
      // Keep watching what we watched, plus what the contract imports now (read for syntax only,
      // which works on a broken file), so fixing the file the error names regenerates.
      const reachable = readLocalSources(resolve(request.contractFile)).map((source) => source.path);
      follow([...files, ...reachable]);
    }
  };

  const schedule = (file: string): void => {
    if (stopped) return;
    changedFile = file;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (queued) return;
      queued = true;
      running = running.then(() => {
        queued = false;
        return stopped ? undefined : run(`${basename(changedFile)} changed`);
      });
    }, DEBOUNCE_MS);
  };

  const follow = (next: readonly string[]): void => {
    files = new Set([resolve(request.contractFile), ...next]);
    const wanted = new Set([...files].map((file) => dirname(file)));
    for (const [folder, watcher] of folders) {
      if (wanted.has(folder)) continue;
      watcher.close();
      folders.delete(folder);
    }
    for (const folder of wanted) {
      if (folders.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          // A rename reports the file's own name on Linux and macOS; a null name means "something here changed".
          const file = name === null ? undefined : resolve(folder, name.toString());
          if (file === undefined) {
            const first = [...files].find((candidate) => dirname(candidate) === folder);
            if (first !== undefined) schedule(first);
          } else if (files.has(file)) schedule(file);
        });
        watcher.on("error", () => {
          // The folder went away (deleted, unmounted): forget it; the next successful run watches it again.
          watcher.close();
          folders.delete(folder);
        });
        folders.set(folder, watcher);
      } catch {
        // A folder that vanished between loading and watching is picked up again on the next run.
      }
    }
  };

  follow([]);
  running = run("initial build");
  await running;
  // The signal handlers go in before the line that says we are watching: a SIGTERM sent on seeing
  // it (a supervisor, a test) found none on a loaded machine, and Node's default ended the process.
  const stopping = context.stopped;
  context.out(`[watch] watching ${files.size} file(s); press Ctrl+C to stop`);
  await stopping;
  stopped = true;
  clearTimeout(timer);
  for (const watcher of folders.values()) watcher.close();
  await running;
}
