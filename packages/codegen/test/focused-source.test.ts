import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { focusedSource } from "../src/cli/load/focused-source.js";

const contract = (events: string): string =>
  [
    'import { defineContract as define } from "@socket-contract/contract";',
    'import { z } from "zod";',
    "const shared = { ping: { args: [] } };",
    `export const api = define({ name: "a", version: "1", namespaces: { "/x": { clientToServer: { ${events} } } } });`,
  ].join("\n");

function focus(text: string, exportName: string, paths: (string | number)[][]): string {
  return focusedSource(ts.createSourceFile("contract.ts", text, ts.ScriptTarget.Latest, true), exportName, paths);
}

const asked = [["namespaces", "/x", "clientToServer", "b", "args", 0]];

describe("the contract source the checker reads", () => {
  it("keeps the asked events and writes every other member of the definition as never", () => {
    const text = contract(
      'a: { args: [z.string()] }, "b": { args: [z.string().transform((s) => s.length)] }, c: { args: [z.number()] }',
    );
    expect(focus(text, "api", asked)).toBe(
      contract('a: {} as never, "b": { args: [z.string().transform((s) => s.length)] }, c: {} as never').replace(
        'name: "a", version: "1"',
        "name: {} as never, version: {} as never",
      ),
    );
  });

  it("keeps a level whole where the definition is not a plain literal there", () => {
    const text = contract("...shared, a: { args: [z.string()] }, b: { args: [z.string().transform((s) => s.length)] }");
    expect(focus(text, "api", asked)).toContain("...shared, a: { args: [z.string()] }");
  });

  it("leaves the text alone for another export, or a definition it cannot find", () => {
    const text = contract("a: { args: [z.string()] }, b: { args: [z.string()] }");
    expect(focus(text, "other", asked)).toBe(text);
    expect(focus(text.replace("define({", "wrap({"), "api", asked)).toBe(text.replace("define({", "wrap({"));
  });
});
