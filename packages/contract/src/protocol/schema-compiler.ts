import type { AnySchema } from "../types.js";

/**
 * Readies a schema for parsing at compiled speed (Zod's compiled functions, kept with it: see
 * `fastPathOf`), and gives back the schema to parse with.
 */
export type SchemaCompiler = (schema: AnySchema) => AnySchema;

let installed: SchemaCompiler | undefined;

/**
 * Sets how schemas are compiled from now on. Nothing is compiled until a runtime installs Zod's
 * compiler: the server and the Node client do, and generated parsers (`registerParsers`) do in a
 * browser. A page without them parses with Zod's ordinary parser and carries no compiler at all.
 *
 * @example
 * installCompiler(compileSchema);
 */
export function installCompiler(compiler: SchemaCompiler): void {
  installed = compiler;
}

/** The compiler in use, if any. */
export function schemaCompiler(): SchemaCompiler | undefined {
  return installed;
}
