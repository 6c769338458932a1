import type * as core from "zod/v4/core";
import type { ContractIssue } from "../contract-error.js";
import type { ZodSchema as AnySchema } from "../types.js";

/** At most this many issues travel back, so a huge invalid input cannot make a huge answer. */
export const MAX_ISSUES = 20;

/** Stands in an issue path for a key the sender chose (a record's or a map's), so no input is echoed. */
export const INPUT_KEY = "*";

/**
 * Turns Zod issues into wire issues under `prefix` (the argument's index). Messages come from the
 * schema, never from the input: the one Zod message that names input (unknown keys) is replaced,
 * and path keys that the sender chose rather than the schema (record and map keys) become `"*"`.
 */
export function toContractIssues(
  issues: readonly core.$ZodIssue[],
  prefix: readonly (string | number)[],
  into: ContractIssue[] = [],
  schema?: AnySchema,
): ContractIssue[] {
  for (const issue of issues) {
    if (into.length >= MAX_ISSUES) break;
    const path: (string | number)[] = [...prefix, ...declaredPath(schema, issue.path)];
    const message = issue.code === "unrecognized_keys" ? "Unrecognized key in object" : issue.message;
    into.push({ path, code: issue.code, message });
  }
  return into;
}

/** Walks the schema along an issue's path, keeping the keys the schema declares. */
function declaredPath(schema: AnySchema | undefined, path: readonly PropertyKey[]): (string | number)[] {
  if (schema === undefined) return path.map((key) => (typeof key === "number" ? key : String(key)));
  const out: (string | number)[] = [];
  let node: AnySchema | undefined = schema;
  for (const key of path) {
    const step = stepInto(node, key);
    out.push(typeof key === "number" ? key : step.declared ? String(key) : INPUT_KEY);
    node = step.child;
  }
  return out;
}

function stepInto(
  schema: AnySchema | undefined,
  key: PropertyKey,
): { declared: boolean; child: AnySchema | undefined } {
  let node = schema;
  // Wrappers do not add a path segment: look through them.
  for (let depth = 0; node !== undefined && depth < 32; depth++) {
    const def = node._zod.def as core.$ZodTypeDef & Record<string, any>;
    switch (def.type) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "catch":
      case "readonly":
      case "nonoptional":
        node = def.innerType;
        continue;
      case "pipe":
        node = def.in;
        continue;
      case "lazy":
        node = def.getter();
        continue;
      case "object": {
        const shape = def.shape as Record<string, AnySchema>;
        if (typeof key === "string" && Object.hasOwn(shape, key)) return { declared: true, child: shape[key] };
        return { declared: false, child: def.catchall };
      }
      case "array":
        return { declared: true, child: def.element };
      case "tuple":
        return {
          declared: true,
          child: (typeof key === "number" ? def.items[key] : undefined) ?? def.rest ?? undefined,
        };
      case "record":
      case "map":
        return { declared: false, child: def.valueType };
      case "union": {
        for (const option of def.options as AnySchema[]) {
          const step = stepInto(option, key);
          if (step.declared) return step;
        }
        return { declared: false, child: undefined };
      }
      case "intersection": {
        const left = stepInto(def.left, key);
        return left.declared ? left : stepInto(def.right, key);
      }
      default:
        return { declared: false, child: undefined };
    }
  }
  return { declared: false, child: undefined };
}
