import type { AnySchema } from "../types.js";

/** Turns a schema into the one to parse with (Zod's compiled fast path), or gives it back unchanged. */
export type SchemaCompiler = (schema: AnySchema) => AnySchema;

let given: SchemaCompiler | undefined;
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
  if (given === compiler) return;
  given = compiler;
  compilersChanged();
}

/**
 * The compiler in use, if any: the installed one, each schema compiled once and shared by every
 * event that uses it.
 */
export function schemaCompiler(): SchemaCompiler | undefined {
  return installed;
}

/**
 * Prepares schemas afresh from now on (a compiler or parsers were installed: schemas prepared
 * before may compile now). The cache lives here, with the compiler, so a page that installs none
 * carries neither.
 */
export function compilersChanged(): void {
  const compiler = given;
  if (compiler === undefined) return;
  const prepared = new WeakMap<AnySchema, AnySchema>();
  installed = (schema) => {
    let fast = prepared.get(schema);
    if (fast === undefined) {
      fast = compiler(schema);
      prepared.set(schema, fast);
    }
    return fast;
  };
}
