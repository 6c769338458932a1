import { type TypeNode, reference, union } from "./type-node.js";

const BUILT_IN = new Set(["Date", "Uint8Array", "ArrayBuffer", "Blob", "File", "RegExp", "Error", "Promise"]);

/**
 * Zod's `MakeReadonly`: arrays and tuples become readonly, maps and sets their readonly
 * interfaces, objects get readonly properties, primitives and built-in classes stay as they are.
 *
 * @example
 * makeReadonly({ kind: "array", element: keyword("string"), readonly: false }); // readonly string[]
 */
export function makeReadonly(node: TypeNode): TypeNode {
  switch (node.kind) {
    case "union":
      // MakeReadonly is a distributive conditional type, so it applies member by member.
      return union(node.members.map(makeReadonly));
    case "array":
    case "tuple":
      return { ...node, readonly: true };
    case "object":
      return { ...node, properties: node.properties.map((property) => ({ ...property, readonly: true })) };
    case "keyword":
    case "literal":
      return node;
    case "reference":
      if (node.from === undefined && node.name === "Map") return reference("ReadonlyMap", node.args);
      if (node.from === undefined && node.name === "Set") return reference("ReadonlySet", node.args);
      if (node.from === undefined && BUILT_IN.has(node.name)) return node;
      return reference("Readonly", [node]);
    default:
      return reference("Readonly", [node]);
  }
}
