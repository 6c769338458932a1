import type { Declaration } from "./contract-model.js";
import { NameRegistry } from "./naming.js";
import { type TypeNode, reference, sameType } from "./type-node.js";
import type { ZodLike } from "./zod-def.js";

/** The generated names of one schema: its output type and its input type (the same when they agree). */
export interface DeclaredNames {
  readonly output: string;
  readonly input: string;
}

/**
 * The declarations of one generated file. A named schema is declared once however often the
 * contract uses it; a recursive one is registered before its body is rendered, so the body can
 * refer to it.
 */
export class ScopeBuilder {
  readonly names = new NameRegistry();
  readonly #declarations = new Map<string, Declaration>();
  readonly #schemas = new Map<ZodLike, DeclaredNames>();
  /** Input names that turned out equal to their output name: references are rewritten at the end. */
  readonly #collapsed = new Map<string, string>();

  namesOf(schema: ZodLike): DeclaredNames | undefined {
    return this.#schemas.get(schema);
  }

  /**
   * Declares `name` (and `${name}Input` when the input type differs) for `schema`, rendering each
   * side with `render` once. Returns the names to refer to.
   */
  declareSchema(
    schema: ZodLike | undefined,
    name: string,
    owner: string,
    description: string | undefined,
    render: (side: "input" | "output") => TypeNode,
  ): DeclaredNames {
    const existing = schema === undefined ? undefined : this.#schemas.get(schema);
    if (existing !== undefined) return existing;
    const inputName = `${name}Input`;
    this.names.claim(name, owner);
    const provisional = { output: name, input: inputName };
    if (schema !== undefined) this.#schemas.set(schema, provisional);
    const output = render("output");
    const input = render("input");
    // The lookup sees this schema's own input name as collapsed, without copying the map for every declaration.
    const collapsedWithOwn = { size: 1, get: (key: string) => (key === inputName ? name : this.#collapsed.get(key)) };
    if (sameType(output, this.#rewrite(input, collapsedWithOwn))) {
      this.#collapsed.set(inputName, name);
      this.#add({ name, type: output, description });
      const names = { output: name, input: name };
      if (schema !== undefined) this.#schemas.set(schema, names);
      return names;
    }
    this.names.claim(inputName, owner);
    this.#add({ name, type: output, description });
    this.#add({ name: inputName, type: input, description });
    return provisional;
  }

  /** Declares an alias of other declarations, for example `MessageSendAck = Message`. */
  declareAlias(name: string, owner: string, target: DeclaredNames, description: string | undefined): DeclaredNames {
    this.names.claim(name, owner);
    this.#add({ name, type: reference(target.output), description });
    if (target.input === target.output) return { output: name, input: name };
    this.names.claim(`${name}Input`, owner);
    this.#add({ name: `${name}Input`, type: reference(target.input), description });
    return { output: name, input: `${name}Input` };
  }

  /** Every declaration, sorted by name, with references to collapsed input names rewritten. */
  declarations(): Declaration[] {
    return [...this.#declarations.values()]
      .map((declaration) => ({ ...declaration, type: this.#rewrite(declaration.type, this.#collapsed) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Rewrites a type that was built before every collapse was known. */
  finish(node: TypeNode): TypeNode {
    return this.#rewrite(node, this.#collapsed);
  }

  #add(declaration: Declaration): void {
    this.#declarations.set(
      declaration.name,
      declaration.description === undefined ? { name: declaration.name, type: declaration.type } : declaration,
    );
  }

  #rewrite(node: TypeNode, renames: Renames): TypeNode {
    if (renames.size === 0) return node;
    return rewriteReferences(node, renames);
  }
}

/** The part of a map the rewrite reads. */
type Renames = Pick<ReadonlyMap<string, string>, "get" | "size">;

function rewriteReferences(node: TypeNode, renames: Renames): TypeNode {
  const again = (inner: TypeNode): TypeNode => rewriteReferences(inner, renames);
  switch (node.kind) {
    case "reference": {
      const args = node.args?.map(again);
      const name = node.from === undefined ? (renames.get(node.name) ?? node.name) : node.name;
      return { ...node, name, ...(args === undefined ? {} : { args }) };
    }
    case "object":
      return {
        ...node,
        properties: node.properties.map((property) => ({ ...property, type: again(property.type) })),
        ...(node.index === undefined ? {} : { index: again(node.index) }),
      };
    case "array":
      return { ...node, element: again(node.element) };
    case "tuple":
      return {
        ...node,
        elements: node.elements.map((element) => ({ ...element, type: again(element.type) })),
        ...(node.rest === undefined ? {} : { rest: again(node.rest) }),
      };
    case "union":
    case "intersection":
      return { ...node, members: node.members.map(again) };
    default:
      return node;
  }
}
