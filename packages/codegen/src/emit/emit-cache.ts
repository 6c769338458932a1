import type { GeneratedFile } from "./generated-file.js";

/**
 * Printed files from the previous run, keyed by what they were printed from (a namespace's model
 * and the contract's import path). Watch mode keeps one between runs, so a save that touches one
 * namespace prints only that namespace again. Entries not used by a run are dropped after it.
 *
 * @example
 * const cache = new EmitCache();
 * emitFiles(model, source, parsers, cache); // prints everything
 * emitFiles(model, source, parsers, cache); // prints nothing new
 */
export class EmitCache {
  #entries = new Map<string, readonly GeneratedFile[]>();
  #used = new Map<string, readonly GeneratedFile[]>();

  get(key: string): readonly GeneratedFile[] | undefined {
    const files = this.#entries.get(key);
    if (files !== undefined) this.#used.set(key, files);
    return files;
  }

  set(key: string, files: readonly GeneratedFile[]): void {
    this.#used.set(key, files);
  }

  /** Ends a run: what it did not use is forgotten. */
  settle(): void {
    this.#entries = this.#used;
    this.#used = new Map();
  }
}
