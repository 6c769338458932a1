import { type Contract, isNamespacePattern } from "@socket-contract/contract";
import type { PatternModel } from "./contract-model.js";
import { pairOf, rootDeclaration, siteOf } from "./event-model.js";
import { folderOf } from "./naming.js";
import type { RenderContext } from "./render-schema.js";
import { type TypeNode, keyword } from "./type-node.js";
import type { ZodLike } from "./zod-def.js";

/** How a `:name` parameter reads in a template literal type. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: this is the text of a template literal type, not a template.
const PARAMETER_TEXT = "${string}";

/**
 * The folder of a namespace's generated files: `/chat` in `chat`, and a pattern by its literal
 * segments (`/org/:orgId` in `org`), or by all its words when that would be empty or taken by
 * another namespace (`/:tenant` in `tenant`).
 *
 * @example
 * namespaceFolder("/org/:orgId", ["/chat", "/org/:orgId"]); // "org"
 */
export function namespaceFolder(path: string, paths: readonly string[]): string {
  if (!isNamespacePattern(path)) return folderOf(path);
  const short = literalFolder(path);
  // Two patterns with the same literal segments (`/org/:a`, `/org/:a/:b`) both keep all their words.
  const taken = paths.some(
    (other) => other !== path && (isNamespacePattern(other) ? literalFolder(other) : folderOf(other)) === short,
  );
  return short === "main" || taken ? folderOf(path) : short;
}

function literalFolder(path: string): string {
  return folderOf(
    `/${path
      .split("/")
      .filter((segment) => !segment.startsWith(":"))
      .join("/")}`,
  );
}

/**
 * What a pattern namespace (`"/org/:orgId"`) adds to its model: the template literal of its
 * concrete paths, its parameter names, and the type of `socket.params` (its `params` schema's
 * output, or one string per parameter), declared as `NamespaceParams`. `undefined` for a static path.
 *
 * @example
 * patternModel(contract, "/org/:orgId", context); // { template: "/org/${string}", names: ["orgId"], params: { ... } }
 */
export function patternModel(contract: Contract, path: string, context: RenderContext): PatternModel | undefined {
  if (!isNamespacePattern(path)) return undefined;
  const names = path.split("/").flatMap((segment) => (segment.startsWith(":") ? [segment.slice(1)] : []));
  // A template literal type's text: literal segments escaped, each parameter `${string}`.
  const template = path
    .split("/")
    .map((segment) =>
      segment.startsWith(":") ? PARAMETER_TEXT : segment.replace(/[\\`]|\$\{/g, (found) => `\\${found}`),
    )
    .join("/");
  const owner = `namespaces[${JSON.stringify(path)}]`;
  const strings = (readonly: boolean): TypeNode => ({
    kind: "object",
    properties: names.map((name) => ({ name, type: keyword("string"), optional: false, readonly })),
  });
  context.scope.declareSchema(
    undefined,
    "NamespacePath",
    owner,
    `A concrete path of \`${path}\`, as a client connects to it.`,
    () => ({ kind: "checked", text: `\`${template}\`` }),
  );
  context.scope.declareSchema(
    undefined,
    "NamespacePathParams",
    owner,
    `The values of \`${path}\`'s parameters, as they stand in a concrete path.`,
    () => strings(false),
  );
  const schema = contract.namespaces[path as `/${string}`]!.params;
  const description = "The parsed parameters of this namespace's path: `socket.params`.";
  const params =
    schema === undefined
      ? pairOf(context.scope.declareSchema(undefined, "NamespaceParams", owner, description, () => strings(true)))
      : pairOf(
          rootDeclaration(
            schema as ZodLike,
            "NamespaceParams",
            siteOf(["namespaces", path, "params"], "NamespaceParams"),
            description,
            context,
          ),
        );
  return { template, names, params };
}
