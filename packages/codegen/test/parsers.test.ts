import {
  type ParserFactory,
  compileSchema,
  contractSchemas,
  isCompiled,
  parseValue,
  parserSources,
  prepareSchema,
  registerParsers,
} from "@socket-contract/contract/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { contract } from "./fixtures/chat/contract.js";
import { parsers } from "./fixtures/chat/golden/parsers.js";
import { contract as constructs } from "./fixtures/constructs/contract.js";
import { parsers as constructsParsers } from "./fixtures/constructs/golden/parsers.js";

// parsers.ts holds Zod's compiled parsers written ahead of time; the generated bind functions
// register them. Under jitless (no eval at all), each schema of the contract must then compile
// from them, and parse as Zod does.

describe("the generated parsers.ts", () => {
  beforeAll(() => {
    z.config({ jitless: true });
  });

  afterAll(() => {
    z.config({ jitless: false });
  });

  it("leaves every schema on Zod's parser before they are registered", () => {
    const schemas = contractSchemas(contract);
    expect(schemas.filter((schema) => isCompiled(compileSchema(schema)))).toEqual([]);
  });

  it.each([
    ["chat", contract, parsers],
    ["constructs", constructs, constructsParsers],
  ] as const)("compiles every schema of the %s contract without evaluating code", (_name, value, generated) => {
    const schemas = contractSchemas(value);
    registerParsers(generated as Record<string, ParserFactory>);
    // Zod's compiler refuses some schemas (a lazy, recursive one); those keep its own parser.
    const refused = schemas.filter((schema) => parserSources([schema]).length === 0);
    const compiled = schemas.filter((schema) => isCompiled(prepareSchema(schema)));
    expect(compiled.length).toBe(schemas.length - refused.length);
    expect(compiled.length).toBeGreaterThan(0);
  });

  it("parses with the registered parsers exactly as Zod does", () => {
    registerParsers(parsers as Record<string, ParserFactory>);
    const send = contract.namespaces["/chat"].clientToServer["message:send"].args[0];
    expect(parseValue(prepareSchema(send), { room: "lobby", text: "hi", extra: 1 }, [0])).toEqual({
      ok: true,
      value: { room: "lobby", text: "hi" },
    });
    expect(parseValue(prepareSchema(send), { room: "lobby", text: "" }, [0])).toEqual({
      ok: false,
      issues: [{ path: [0, "text"], code: "too_small", message: "Too small: expected string to have >=1 characters" }],
    });
  });
});
