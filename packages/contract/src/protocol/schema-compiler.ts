import type { AnySchema } from "../types.js";

/** Turns a schema into the one to parse with (Zod's compiled fast path), or gives it back unchanged. */
export type SchemaCompiler = (schema: AnySchema) => AnySchema;

let installed: SchemaCompiler | undefined;
let generation = 0;

/**
 * Sets how schemas are compiled from now on. Nothing is compiled until a runtime installs Zod's
 * compiler: the server and the Node client do, and generated parsers (`registerParsers`) do in a
 * browser. A page without them parses with Zod's ordinary parser and carries no compiler at all.
 *
 * @example
 * installCompiler(compileSchema);
 */
export function installCompiler(compiler: SchemaCompiler): void {
  if (installed === compiler) return;
  installed = compiler;
  compilersChanged();
}

/** The compiler in use, if any. */
export function schemaCompiler(): SchemaCompiler | undefined {
  return installed;
}

/** Tells the caches of prepared schemas to prepare again (a compiler or parsers were installed). */
export function compilersChanged(): void {
  generation++;
}

/** Changes whenever a compiler or parsers are installed, so caches of compiled schemas know to compile again. */
export function compilerGeneration(): number {
  return generation;
}
