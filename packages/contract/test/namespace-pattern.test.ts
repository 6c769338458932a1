import { type } from "arktype";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ContractDefinitionError, defineContract, isNamespacePattern, matchNamespace } from "../src/index.js";

const contract = defineContract({
  name: "tenants",
  version: "1",
  namespaces: {
    "/chat": {},
    "/org/:orgId": { params: z.object({ orgId: z.string().regex(/^[a-z0-9-]{1,40}$/) }) },
    "/org/:orgId/doc/:docId": {},
    "/admin/:section": { params: type({ section: "'users' | 'billing'" }) },
  },
});

function define(namespaces: Record<string, unknown>) {
  return () => defineContract({ name: "c", version: "1", namespaces } as never);
}

describe("dynamic namespaces", () => {
  it("tells patterns from static paths", () => {
    expect(isNamespacePattern("/org/:orgId")).toBe(true);
    expect(isNamespacePattern("/chat")).toBe(false);
    expect(isNamespacePattern("/a:b")).toBe(false);
  });

  it.each([
    ["/chat", { pattern: "/chat", params: {} }],
    ["/org/acme", { pattern: "/org/:orgId", params: { orgId: "acme" } }],
    ["/org/acme/doc/42", { pattern: "/org/:orgId/doc/:docId", params: { orgId: "acme", docId: "42" } }],
    ["/admin/anything", { pattern: "/admin/:section", params: { section: "anything" } }],
  ])("matches %s to its namespace with raw parameters", (path, expected) => {
    expect(matchNamespace(contract, path)).toEqual(expected);
  });

  it.each(["/org", "/org/", "/org/acme/", "/org/acme/doc", "/chat/x", "/other", "/org//doc/1", "", "org/acme"])(
    "matches %j to nothing",
    (path) => {
      expect(matchNamespace(contract, path)).toBeUndefined();
    },
  );

  it("does not treat regular-expression characters in a key as patterns", () => {
    const dotted = defineContract({ name: "c", version: "1", namespaces: { "/v1.0/:id": {} } });
    expect(matchNamespace(dotted, "/v1.0/x")).toEqual({ pattern: "/v1.0/:id", params: { id: "x" } });
    expect(matchNamespace(dotted, "/v1x0/x")).toBeUndefined();
  });

  const refused: [string, () => unknown, string][] = [
    [
      "a pattern overlapping another",
      define({ "/org/:orgId": {}, "/org/:id": {} }),
      'namespaces["/org/:id"]: can match the same paths as namespaces["/org/:orgId"] (for example "/org/x")',
    ],
    [
      "a static path a pattern also matches",
      define({ "/org/settings": {}, "/org/:orgId": {} }),
      'namespaces["/org/:orgId"]: can match the same paths as namespaces["/org/settings"] (for example "/org/settings")',
    ],
    ["patterns crossing each other", define({ "/:a/x": {}, "/y/:b": {} }), 'for example "/y/x"'],
    [
      "a parameter sharing its segment",
      define({ "/org-:id": {} }),
      'namespaces["/org-:id"]: segment "org-:id": a ":name" parameter fills a whole segment',
    ],
    ["a parameter without a name", define({ "/org/:": {} }), 'parameter ":" must be'],
    ["a parameter named twice", define({ "/a/:id/b/:id": {} }), 'parameter ":id" appears twice'],
    ["an empty segment in a pattern", define({ "/a//:id": {} }), "cannot have an empty segment"],
    ["a trailing slash in a pattern", define({ "/a/:id/": {} }), "cannot have an empty segment"],
    ["a parameter named __proto__", define({ "/a/:__proto__": {} }), "__proto__"],
    [
      "params on a static path",
      define({ "/chat": { params: z.object({}) } }),
      'namespaces["/chat"].params: only a path with ":name" parameters takes `params`',
    ],
    [
      "params naming other keys",
      define({ "/org/:orgId": { params: z.object({ org: z.string() }) } }),
      'namespaces["/org/:orgId"].params: declares org, the path\'s parameters are orgId',
    ],
    [
      "params that are not an object",
      define({ "/org/:orgId": { params: z.string() } }),
      "expected an object schema keyed by the parameter names",
    ],
    [
      "params that are not a schema",
      define({ "/org/:orgId": { params: { orgId: "string" } } }),
      'namespaces["/org/:orgId"].params: expected a schema',
    ],
  ];
  for (const [name, run, message] of refused) {
    it(`refuses ${name}, naming the place`, () => {
      expect(run).toThrow(ContractDefinitionError);
      expect(run).toThrow(message);
    });
  }

  it("lets patterns of different lengths, and disjoint literals, live together", () => {
    expect(define({ "/": {}, "/:a": {}, "/:a/b": {}, "/x/:a/c": {}, "/x/:a/d": {} })).not.toThrow();
  });
});
