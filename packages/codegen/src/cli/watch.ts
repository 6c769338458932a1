import { type FSWatcher, watch } from "node:fs";
import { basename } from "node:path";
import { CodegenError } from "../errors.js";
import type { CliContext } from "./cli-context.js";
import { writeOutDir } from "./out-dir.js";
import { type GenerateRequest, generateFromFile } from "./run-generate.js";

const DEBOUNCE_MS = 100;

/**
 * Generates once, then again whenever the contract file or a local file it imports changes,
 * printing one line per run. A broken contract prints its error and keeps watching. Returns when
 * `context.stopped` resolves (SIGINT), with every watcher closed.
 *
 * @example
 * await watchContract({ contractFile: "src/contract.ts", outDir: "src/generated" }, context);
 */
export async function watchContract(request: GenerateRequest, context: CliContext): Promise<void> {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let stopped = false;

  const run = async (reason: string): Promise<void> => {
    const started = Date.now();
    try {
      const { files, loaded } = await generateFromFile(request);
      const { changed, obsolete } = writeOutDir(request.outDir, files);
      context.out(`[watch] ${reason}: ${changed.length} written, ${obsolete.length} removed, ${files.length - changed.length} unchanged (${Date.now() - started} ms)`);
      follow(loaded.files);
    } catch (error) {
      if (!CodegenError.is(error)) throw error;
      context.err(`[watch] ${reason}: socket-contract: ${error.message}`);
      // Keep watching what we watched, plus the contract itself, so fixing the error regenerates.
    }
  };

  const schedule = (file: string): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (again) return;
      again = true;
      running = running.then(() => {
        again = false;
        return stopped ? undefined : run(`${basename(file)} changed`);
      });
    }, DEBOUNCE_MS);
  };

  const follow = (files: readonly string[]): void => {
    for (const [file, watcher] of watchers) {
      if (!files.includes(file)) {
        watcher.close();
        watchers.delete(file);
      }
    }
    for (const file of files) {
      if (watchers.has(file)) continue;
      try {
        watchers.set(file, watch(file, () => schedule(file)));
      } catch {
        // A file that vanished between loading and watching is picked up again on the next run.
      }
    }
  };

  follow([(await import("node:path")).resolve(request.contractFile)]);
  running = run("initial build");
  await running;
  context.out(`[watch] watching ${watchers.size} file(s); press Ctrl+C to stop`);
  await context.stopped;
  stopped = true;
  clearTimeout(timer);
  for (const watcher of watchers.values()) watcher.close();
  await running;
}
