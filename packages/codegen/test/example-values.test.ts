import { defineContract } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleOf } from "../src/asyncapi/example-value.js";
import { regexExample } from "../src/asyncapi/regex-example.js";
import { wireContract } from "../src/asyncapi/wire-contract.js";

/** The example the docs page and AsyncAPI show for a schema, read through the same wire JSON Schema. */
function example(schema: z.ZodType): unknown {
  const contract = defineContract({
    name: "t",
    version: "1",
    namespaces: { "/t": { clientToServer: { send: { args: [schema] } } } },
  });
  const wire = wireContract(contract);
  return exampleOf(wire.namespaces[0]!.clientToServer[0]!.args[0]!.schema, wire.schemas);
}

describe("example values come from the schema's checks, and pass them", () => {
  it.each([
    ["email", z.email()],
    ["uuid", z.uuid()],
    ["url", z.url()],
    ["datetime", z.iso.datetime()],
    ["date", z.iso.date()],
    ["cuid", z.cuid()],
    ["cuid2", z.cuid2()],
    ["ulid", z.ulid()],
    ["nanoid", z.nanoid()],
    ["e164", z.e164()],
    ["base64", z.base64()],
    ["jwt", z.jwt()],
    ["ipv4", z.ipv4()],
    ["cidrv4", z.cidrv4()],
    ["a regex", z.string().regex(/^[A-Z]{3}-\d{4}$/)],
    [
      "a regex with a minimum length",
      z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .min(6),
    ],
    ["bounds", z.number().int().min(18).max(120)],
    ["an exclusive bound", z.number().gt(100)],
    ["a length", z.string().min(12).max(20)],
  ])("%s", (_name, schema) => {
    const value = example(schema);
    expect(value).not.toBeUndefined();
    expect(schema.safeParse(value).success).toBe(true);
  });

  it("a regex gives a string built from it, not a placeholder", () => {
    expect(example(z.string().regex(/^[A-Z]{3}-\d{4}$/))).toBe("ABC-0123");
    expect(example(z.object({ color: z.string().regex(/^#[0-9a-f]{6}$/) }))).toEqual({ color: "#012345" });
  });

  it("a key in a form its pattern allows is preferred to a made-up string", () => {
    expect(example(z.object({ orgId: z.string().regex(/^[a-z0-9-]{1,40}$/) }))).toEqual({ orgId: "orgid" });
  });

  it("regexExample leaves hard expressions alone rather than guess", () => {
    expect(regexExample("^(a|b)$")).toBeUndefined();
    expect(regexExample("^[^x]+$")).toBeUndefined();
    expect(regexExample("^(?=a)a$")).toBeUndefined();
  });
});
