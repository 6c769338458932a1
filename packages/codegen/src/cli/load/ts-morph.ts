import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

let loaded: typeof TsMorph | undefined;

/**
 * ts-morph and the TypeScript compiler under it, loaded on first use: they are a third of a
 * second to load, and most runs of the CLI never need them (only a contract with transforms,
 * `z.custom<T>()` or brands, a syntax error, or `diff --base` does). Loaded with `require`, as
 * the CommonJS package it is, so Node does not scan its 12 MB for ES module exports first.
 *
 * @example
 * const { ts } = tsMorph();
 */
export function tsMorph(): typeof TsMorph {
  loaded ??= createRequire(import.meta.url)("ts-morph") as typeof TsMorph;
  return loaded;
}
