import { binaryOptionsOf } from "@socket-contract/contract";
import { z } from "zod";
import { GETTER } from "./static-types.js";

/** A Zod 4 schema seen through its runtime definition (`schema._zod.def`). */
export interface ZodLike {
  readonly _zod: {
    readonly def: ZodDef;
    readonly optin?: string;
    readonly optout?: string;
    readonly traits?: Set<string>;
  };
}

export type ZodDef = { readonly type: string } & Record<string, any>;

export function isZodSchema(value: unknown): value is ZodLike {
  if (typeof value !== "object" || value === null) return false;
  const internals = (value as { _zod?: unknown })._zod;
  return (
    typeof internals === "object" &&
    internals !== null &&
    typeof (internals as { def?: { type?: unknown } }).def?.type === "string"
  );
}

export function defOf(schema: ZodLike): ZodDef {
  return schema._zod.def;
}

/** The metadata registered for a schema (`.describe()`, `.meta()`), read from Zod's global registry. */
export function metaOf(schema: ZodLike): Record<string, unknown> | undefined {
  return z.globalRegistry.get(schema as unknown as z.ZodType) as Record<string, unknown> | undefined;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The description of a schema, looking through the wrappers that only change optionality. */
export function descriptionOf(schema: ZodLike): string | undefined {
  let current: ZodLike | undefined = isZodSchema(schema) ? schema : undefined;
  while (current !== undefined) {
    const description = metaOf(current)?.description;
    if (typeof description === "string" && description.trim() !== "") return description.trim();
    const def = defOf(current);
    current = WRAPPERS.has(def.type) && isZodSchema(def.innerType) ? def.innerType : undefined;
  }
  return undefined;
}

/**
 * The name a contract gives a positional argument through the schema's metadata
 * (`z.string().meta({ name: "roomId" })`), looking through the wrappers that only change
 * optionality, as `descriptionOf` does.
 */
export function argumentNameOf(schema: unknown): unknown {
  let current: ZodLike | undefined = isZodSchema(schema) ? schema : undefined;
  while (current !== undefined) {
    const name = metaOf(current)?.name;
    if (name !== undefined) return name;
    const def = defOf(current);
    current = WRAPPERS.has(def.type) && isZodSchema(def.innerType) ? def.innerType : undefined;
  }
  return undefined;
}

export interface Child {
  readonly schema: ZodLike;
  /** Steps under `_zod.def` from the parent. */
  readonly steps: readonly (string | number | typeof GETTER)[];
  /** How a reader names the place: `.room`, `[]`, `[1]`. */
  readonly label: string;
}

/**
 * The schemas directly inside a schema, in definition order. Used to find recursion; the
 * renderer follows the same steps, so a path means the same thing in both.
 */
export function childrenOf(schema: ZodLike): Child[] {
  const def = defOf(schema);
  const child = (value: unknown, steps: Child["steps"], label: string): Child[] =>
    isZodSchema(value) ? [{ schema: value, steps, label }] : [];
  switch (def.type) {
    case "object":
      return [
        ...Object.keys(def.shape).flatMap((key) => child(def.shape[key], ["shape", key], `.${key}`)),
        ...child(def.catchall, ["catchall"], "[string]"),
      ];
    case "array":
      return child(def.element, ["element"], "[]");
    case "tuple":
      return [
        ...(def.items as unknown[]).flatMap((item, index) => child(item, ["items", index], `[${index}]`)),
        ...child(def.rest, ["rest"], "[rest]"),
      ];
    case "union":
      return (def.options as unknown[]).flatMap((option, index) =>
        child(option, ["options", index], `(option ${index})`),
      );
    case "intersection":
      return [...child(def.left, ["left"], "(left)"), ...child(def.right, ["right"], "(right)")];
    case "record":
    case "map":
      return [...child(def.keyType, ["keyType"], "(key)"), ...child(def.valueType, ["valueType"], "[string]")];
    case "set":
      return child(def.valueType, ["valueType"], "(item)");
    case "pipe":
      return [...child(def.in, ["in"], ""), ...child(def.out, ["out"], "")];
    case "lazy":
      // The lazy schema caches what its getter returns, so a recursive schema keeps one identity.
      return child((schema._zod as { innerType?: unknown }).innerType ?? def.getter(), [GETTER], "");
    case "promise":
      return child(def.innerType, ["innerType"], "");
    default:
      return WRAPPERS.has(def.type) || def.type === "success" ? child(def.innerType, ["innerType"], "") : [];
  }
}

/**
 * The schemas that a recursive schema reaches again from inside itself: each needs a name, so the
 * generated type can refer to itself. One per cycle is enough, and depth-first search finds one.
 */
export function findRecursive(roots: readonly ZodLike[]): Set<ZodLike> {
  const recursive = new Set<ZodLike>();
  const done = new Set<ZodLike>();
  const stack = new Set<ZodLike>();
  const visit = (schema: ZodLike): void => {
    // Past this depth the renderer reports the place; here it only has to stop.
    if (stack.size > 64) return;
    if (stack.has(schema)) {
      recursive.add(schema);
      return;
    }
    if (done.has(schema)) return;
    stack.add(schema);
    for (const { schema: inner } of childrenOf(schema)) visit(inner);
    stack.delete(schema);
    done.add(schema);
  };
  for (const root of roots) visit(root);
  return recursive;
}

/** Every schema reachable from the roots, each once, in depth-first order; `binary()` is one schema, its insides unseen. */
export function reachableSchemas(roots: readonly ZodLike[]): ZodLike[] {
  const seen = new Set<ZodLike>();
  const visit = (schema: ZodLike, depth: number): void => {
    if (seen.has(schema) || depth > 64) return;
    seen.add(schema);
    if (binaryOptionsOf(schema) !== undefined) return;
    for (const { schema: inner } of childrenOf(schema)) visit(inner, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return [...seen];
}

/**
 * Whether a sender may leave out a key (or trailing tuple item) holding this schema, as Zod's
 * types decide it (`optin`). Computed from the definition, because Zod's runtime flags disagree
 * with its types in places (`.catch()` is optional at run time, required in `z.input`).
 */
export function isOptionalIn(schema: ZodLike): boolean {
  const def = defOf(schema);
  const inner = (key: string): boolean => isZodSchema(def[key]) && isOptionalIn(def[key]);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
      return true;
    case "nullable":
    case "catch":
    case "readonly":
    case "success":
      return inner("innerType");
    case "lazy":
      return isOptionalIn(lazyInner(schema));
    case "pipe":
      return schema._zod.traits?.has("$ZodPreprocess") === true ? inner("out") : inner("in");
    case "union":
      return (def.options as ZodLike[]).some(isOptionalIn);
    case "intersection":
      return inner("left") && inner("right");
    default:
      return false;
  }
}

/** Whether a receiver may find a key (or trailing tuple item) missing, as Zod's types decide it (`optout`). */
export function isOptionalOut(schema: ZodLike): boolean {
  const def = defOf(schema);
  const inner = (key: string): boolean => isZodSchema(def[key]) && isOptionalOut(def[key]);
  switch (def.type) {
    case "optional":
      return true;
    case "nullable":
    case "catch":
    case "readonly":
      return inner("innerType");
    case "lazy":
      return isOptionalOut(lazyInner(schema));
    case "pipe":
      return inner("out");
    case "union":
      return (def.options as ZodLike[]).some(isOptionalOut);
    case "intersection":
      return inner("left") && inner("right");
    default:
      return false;
  }
}

function lazyInner(schema: ZodLike): ZodLike {
  return ((schema._zod as { innerType?: ZodLike }).innerType ?? defOf(schema).getter()) as ZodLike;
}
