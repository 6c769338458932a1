import { basename, dirname, join } from "node:path";
import type { Node, SourceFile, Type, ts } from "ts-morph";
import { GETTER, type SchemaPath, type StaticSide, type StaticTypes, pathKey } from "../../model/static-types.js";
import type { BrandHints } from "./brand-hints.js";
import { openContractProject } from "./contract-project.js";
import { type ParsedSource, readLocalSources } from "./source-files.js";
import { tsMorph } from "./ts-morph.js";

/**
 * Answers the model's questions from the contract's TypeScript source. The model asks only about
 * the schemas whose type the running value cannot tell (transforms, `z.custom<T>()`, template
 * literals, brands the syntax-only read could not tie to a schema); for those paths alone, a probe
 * file declares `typeof contract[...]["_zod"]["def"][...]["_zod"]["input" | "output"]`, and the
 * checker reports the type and the brands on it. A contract with none of them never opens a
 * program. Type errors elsewhere in the contract are left to the user's own `tsc`. `source` is
 * the contract file as read already (its parse is shared), read again when not given.
 *
 * @example
 * const staticTypes = checkerStaticTypes("/repo/src/contract.ts", "contract", readBrandHints(sources, module), sources[0]);
 * buildModel(contract, { staticTypes });
 */
export function checkerStaticTypes(
  path: string,
  exportName: string,
  brands?: BrandHints,
  source?: ParsedSource,
): StaticTypes {
  let probe: SourceFile | undefined;
  let file: SourceFile | undefined;
  const indexOf = new Map<string, number>();
  const failed = new Set<number>();
  let exportedTypes = new Set<string>();
  return {
    ...(brands === undefined
      ? {}
      : { brandsOf: (schema: object) => brands.bySchema.get(schema), brandsEverywhere: brands.untied }),
    prepare(paths) {
      if (paths.length === 0) return;
      const unique = [...new Map(paths.map((path) => [pathKey(path), path])).entries()];
      const parsed = (source ?? readLocalSources(path)[0]!).file;
      const opened = openContractProject(path, {
        source: parsed,
        exportName,
        paths: unique.map(([, asked]) => asked.definition),
      });
      const project = opened.project;
      file = opened.file;
      const specifier = `./${basename(path).replace(/\.(m|c)?tsx?$/, (_: string, kind: string | undefined) => `.${kind ?? ""}js`)}`;
      const binding = exportName === "default" ? "default as __contract" : `${exportName} as __contract`;
      // The module's own exported types are imported too, so the checker prints them by name.
      exportedTypes = exportedTypeNames(file);
      const typeImports = exportedTypes.size === 0 ? "" : `, ${[...exportedTypes].join(", ")}`;
      const lines = [
        `import type { ${binding}${typeImports} } from ${JSON.stringify(specifier)};`,
        "type __Root = typeof __contract; type __Get<T> = T extends () => infer R ? R : never;",
      ];
      unique.forEach(([key, path], index) => {
        indexOf.set(key, index);
        const schema = schemaExpression(path);
        lines.push(
          `export type __o${index} = (${schema})["_zod"]["output"];`,
          `export type __i${index} = (${schema})["_zod"]["input"];`,
        );
      });
      probe = project.createSourceFile(join(dirname(path), "__socket_contract_probe__.ts"), lines.join("\n"), {
        overwrite: true,
      });
      // Only the probe is checked: the checker evaluates just the contract types the probe reaches.
      for (const diagnostic of project.getProgram().getSemanticDiagnostics(probe)) {
        const line = diagnostic.getLineNumber();
        if (line !== undefined && line > 2) failed.add(Math.floor((line - 3) / 2));
      }
    },
    side(path, side) {
      const index = indexOf.get(pathKey(path));
      if (probe === undefined || file === undefined || index === undefined || failed.has(index)) return undefined;
      const alias = probe.getTypeAliasOrThrow(`__${side === "input" ? "i" : "o"}${index}`);
      return describe(alias.getType(), alias, { file, exported: exportedTypes });
    },
  };
}

/** `__Root["namespaces"]["/chat"]...["_zod"]["def"]["shape"]["room"]`, with lazy getters through `__Get` (the return type). */
function schemaExpression(path: SchemaPath): string {
  let expression = "__Root" + path.definition.map((step) => `[${JSON.stringify(step)}]`).join("");
  // After a key that holds a collection (`shape`, `items`, `options`), the next step picks a member of it.
  let pickingMember = false;
  for (const step of path.def) {
    if (step === GETTER) {
      expression = `__Get<${expression}["_zod"]["def"]["getter"]>`;
      continue;
    }
    if (pickingMember) {
      expression += `[${JSON.stringify(step)}]`;
      pickingMember = false;
      continue;
    }
    expression += `["_zod"]["def"][${JSON.stringify(step)}]`;
    pickingMember = step === "shape" || step === "items" || step === "options";
  }
  return expression;
}

/** The contract module, and the names of the types it exports. */
interface ContractScope {
  readonly file: SourceFile;
  readonly exported: ReadonlySet<string>;
}

function describe(type: Type, at: Node, scope: ContractScope): StaticSide {
  const flags = tsMorph().TypeFormatFlags.NoTruncation;
  const members = type.isIntersection() ? type.getIntersectionTypes() : [type];
  const brands = members
    .filter((member) => member.getAliasSymbol()?.getName() === "$brand")
    .map((member) => member.getAliasTypeArguments()[0]?.getText(at, flags) ?? "string");
  const contractTypes = new Set<string>();
  const unnameable = findUnnameable(type, at, scope, contractTypes, new Set());
  const text = type.getText(at, flags);
  return {
    text,
    brands,
    ...(unnameable === undefined ? {} : { unnameable }),
    ...(contractTypes.size === 0 ? {} : { contractTypes: [...contractTypes].sort() }),
  };
}

/**
 * The first named type in `type` that generated code cannot name: declared outside TypeScript's
 * standard library, and not exported by the contract module (those go into `contractTypes`).
 */
function findUnnameable(
  type: Type,
  at: Node,
  scope: ContractScope,
  contractTypes: Set<string>,
  seen: Set<Type>,
): string | undefined {
  if (seen.has(type) || seen.size > 200) return undefined;
  seen.add(type);
  const symbol = type.getAliasSymbol() ?? type.getSymbol();
  if (symbol !== undefined && isNamedDeclaration(symbol.getFlags()) && type.getAliasSymbol()?.getName() !== "$brand") {
    const declarations = symbol.getDeclarations();
    const outsideLib = declarations.some((declaration) => !isStandardLibrary(declaration.getSourceFile()));
    const fromContract =
      scope.exported.has(symbol.getName()) &&
      declarations.every((declaration) => declaration.getSourceFile() === scope.file);
    if (fromContract) contractTypes.add(symbol.getName());
    else if (outsideLib) return symbol.getName();
  }
  const inner = [
    ...type.getUnionTypes(),
    ...type.getIntersectionTypes(),
    ...type.getTypeArguments(),
    ...type.getAliasTypeArguments(),
    ...(type.isObject() ? type.getProperties().map((property) => property.getTypeAtLocation(at)) : []),
  ];
  for (const member of inner) {
    const found = findUnnameable(member, at, scope, contractTypes, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isNamedDeclaration(flags: ts.SymbolFlags): boolean {
  const { SymbolFlags } = tsMorph().ts;
  return (flags & (SymbolFlags.Interface | SymbolFlags.Class | SymbolFlags.Enum | SymbolFlags.TypeAlias)) !== 0;
}

function isStandardLibrary(file: SourceFile): boolean {
  return (
    file.getProject().getProgram().compilerObject.isSourceFileDefaultLibrary(file.compilerNode) ||
    /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(file.getFilePath())
  );
}

/** The interfaces, classes, enums and type aliases the contract module declares and exports under their own name. */
function exportedTypeNames(file: SourceFile): Set<string> {
  const { Node: Kinds } = tsMorph();
  const names = new Set<string>();
  for (const [name, declarations] of file.getExportedDeclarations()) {
    const own = declarations.every((declaration) => declaration.getSourceFile() === file);
    const isType = declarations.some(
      (declaration) =>
        Kinds.isInterfaceDeclaration(declaration) ||
        Kinds.isClassDeclaration(declaration) ||
        Kinds.isEnumDeclaration(declaration) ||
        Kinds.isTypeAliasDeclaration(declaration),
    );
    const sameName = declarations.every(
      (declaration) => (declaration as { getName?: () => string | undefined }).getName?.() === name,
    );
    if (own && isType && sameName && !name.startsWith("__")) names.add(name);
  }
  return names;
}
