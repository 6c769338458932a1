import type { NamespaceModel } from "../model/contract-model.js";
import type { GeneratedSource } from "./generated-file.js";
import { docText } from "./type-writer.js";

/** What a pattern namespace's wrappers take where a static one needs nothing: a concrete path, or its parameters. */
export const PATH_ARGUMENT = "NamespacePath | NamespacePathParams";

/**
 * A pattern namespace's `path.ts`: `namespacePath(params)`, the concrete path of one namespace
 * of the pattern (`{ orgId: "acme" }` gives `"/org/acme"`), which the wrappers use when given
 * parameters instead of a path. A value that is empty or holds `/` would name another namespace,
 * so it throws.
 *
 * @example
 * emitPath(files.create("org/path.ts"), namespace);
 */
export function emitPath(file: GeneratedSource, namespace: NamespaceModel): void {
  const pattern = namespace.pattern!;
  const template = namespace.pattern!.template;
  let index = 0;
  const body = template.replace(/\$\{string\}/g, () => `\${params.${pattern.names[index++]!}}`);
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: "./types.js",
    namedImports: ["NamespacePath", "NamespacePathParams"],
  });
  file.addFunction({
    name: "namespacePath",
    isExported: true,
    docs: [
      docText(
        `The concrete path of \`${namespace.path}\` for these parameter values; a value may not be empty or hold "/".\n\n@example\nnamespacePath({ ${pattern.names.map((name) => `${name}: "acme"`).join(", ")} }); // "${template.replace(/\$\{string\}/g, "acme")}"`,
      ),
    ],
    parameters: [{ name: "params", type: "NamespacePathParams" }],
    returnType: "NamespacePath",
    statements: (writer) => {
      writer.write("for (const [name, value] of Object.entries(params)) ").inlineBlock(() => {
        writer.write(
          `if (value === "" || value.includes("/")) throw new TypeError(\`[socket-contract] the parameter \${name} of ${namespace.path.replace(/[\\`$]/g, "\\$&")} cannot be empty or hold "/"\`);`,
        );
      });
      writer.newLine().write(`return \`${body}\`;`);
    },
  });
}

/** `typeof at === "string" ? at : namespacePath(at)`: the concrete path a wrapper was given. */
export const RESOLVE_PATH = 'typeof at === "string" ? at : namespacePath(at)';
