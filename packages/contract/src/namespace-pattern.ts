import type { ContractDefinition } from "./types.js";

/** One segment of a namespace path: a literal, or a `:name` parameter. */
type Segment = { readonly literal: string } | { readonly param: string };

/** A namespace key read once: its segments, parameter names, and the regular expression for Socket.IO. */
export interface NamespacePattern {
  readonly pattern: string;
  readonly segments: readonly Segment[];
  readonly paramNames: readonly string[];
  /** Matches exactly the concrete paths of this pattern; group `i + 1` is parameter `i`. */
  readonly regExp: RegExp;
}

/** What a concrete path resolves to: the contract key it belongs to, and its raw parameter values. */
export interface NamespaceMatch {
  readonly pattern: string;
  readonly params: Readonly<Record<string, string>>;
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether a namespace key holds `:name` parameters, so that it stands for many concrete namespaces.
 *
 * @example
 * isNamespacePattern("/org/:orgId"); // true
 * isNamespacePattern("/chat"); // false
 */
export function isNamespacePattern(path: string): boolean {
  return path.split("/").some((segment) => segment.startsWith(":"));
}

/**
 * Why a namespace key is not a valid pattern, with the segment at fault (see `readNamespacePattern`).
 * `define-contract.ts` words it; a bundle that only matches paths carries no message.
 */
export type PatternProblem =
  | { readonly problem: "colon inside" | "bad name" | "__proto__" | "repeated"; readonly segment: string }
  | { readonly problem: "empty segment" };

/**
 * Reads a namespace key. Returns what is wrong when the key is not a valid pattern: a parameter
 * fills a whole segment (so no literal segment holds ":"), is named like an identifier, appears
 * once, and a path with parameters has no empty segment.
 */
export function readNamespacePattern(pattern: string): NamespacePattern | PatternProblem {
  const raw = pattern.split("/").slice(1);
  const dynamic = raw.some((segment) => segment.startsWith(":"));
  const segments: Segment[] = [];
  const paramNames: string[] = [];
  for (const segment of raw) {
    if (!segment.startsWith(":")) {
      if (segment.includes(":")) return { problem: "colon inside", segment };
      if (dynamic && segment === "") return { problem: "empty segment" };
      segments.push({ literal: segment });
      continue;
    }
    const name = segment.slice(1);
    const problem = !PARAM_NAME.test(name)
      ? "bad name"
      : name === "__proto__"
        ? "__proto__"
        : paramNames.includes(name)
          ? "repeated"
          : undefined;
    if (problem !== undefined) return { problem, segment };
    paramNames.push(name);
    segments.push({ param: name });
  }
  const source = segments.map((segment) => ("param" in segment ? "([^/]+)" : escapeRegExp(segment.literal))).join("/");
  return { pattern, segments, paramNames, regExp: new RegExp(`^/${source}$`) };
}

/**
 * A concrete path that both patterns match, or `undefined` when no path can match both. Two keys
 * of one contract may not overlap, so every concrete path belongs to at most one namespace.
 */
export function overlapOf(a: NamespacePattern, b: NamespacePattern): string | undefined {
  if (a.segments.length !== b.segments.length) return undefined;
  const example: string[] = [];
  for (let index = 0; index < a.segments.length; index++) {
    const left = a.segments[index]!;
    const right = b.segments[index]!;
    if ("literal" in left && "literal" in right) {
      if (left.literal !== right.literal) return undefined;
      example.push(left.literal);
    } else if ("literal" in left || "literal" in right) {
      const literal = "literal" in left ? left.literal : (right as { literal: string }).literal;
      if (literal === "") return undefined; // a parameter never matches an empty segment
      example.push(literal);
    } else example.push("x");
  }
  return `/${example.join("/")}`;
}

/**
 * The namespace of a contract that a concrete path belongs to, with the raw (unparsed) values of
 * its parameters; `undefined` when no namespace matches. A static key matches only itself; a
 * pattern matches a path of as many segments whose literals are equal and whose parameters are
 * not empty, as its regular expression does. Compared segment by segment, so a page that binds a
 * client carries neither `readNamespacePattern` nor a regular expression per key (a key
 * `defineContract` would refuse in Node is read leniently here: nothing reaches a server with it).
 *
 * @example
 * matchNamespace(contract, "/org/acme"); // { pattern: "/org/:orgId", params: { orgId: "acme" } }
 * matchNamespace(contract, "/chat"); // { pattern: "/chat", params: {} }
 */
export function matchNamespace(contract: ContractDefinition, path: string): NamespaceMatch | undefined {
  const keys = Object.keys(contract.namespaces);
  if (keys.includes(path) && !isNamespacePattern(path)) return { pattern: path, params: {} };
  const given = path.split("/");
  for (const pattern of keys) {
    const segments = pattern.split("/");
    if (segments.length !== given.length || !isNamespacePattern(pattern)) continue;
    const params: [string, string][] = [];
    const matches = segments.every((segment, index) => {
      const value = given[index]!;
      if (!segment.startsWith(":")) return segment === value;
      params.push([segment.slice(1), value]);
      return value !== "";
    });
    // fromEntries defines each key, so a parameter named `__proto__` is a key like any other.
    if (matches) return { pattern, params: Object.fromEntries(params) };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
