import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type * as core from "zod/v4/core";
import {
  type ParserFactory,
  checkArgs,
  compileEvent,
  compileSchema,
  installCompiler,
  isCompiled,
  parseArgs,
  parseValue,
  parserSources,
  prepareSchema,
  registerParsers,
  toContractIssues,
} from "../src/protocol/index.js";
import { makeParitySchemas, paritySchemas } from "./support/parity-schemas.js";
import { inputFor } from "./support/schema-inputs.js";

// The runtime validates with Zod's compiled parsers (built at run time, or ahead of time by the code
// generator); what a handler receives and what a sender is told must be exactly what `safeParse`
// gives, for valid and invalid input alike.

const RUNS = 400;

/** `safeParse` as an argument is parsed: a top-level `null` (an omitted optional argument) retried as `undefined`. */
function safeParseArgument(schema: core.$ZodType, input: unknown) {
  const first = (schema as z.ZodType).safeParse(input);
  if (first.success || input !== null) return first;
  const retried = (schema as z.ZodType).safeParse(undefined);
  return retried.success ? retried : first;
}

/**
 * The same input as an event's argument, received (`parseArgs`: the compiled parser called directly)
 * and sent (`checkArgs`: the parser or the assert-only validator): what the handler gets, what goes
 * on the wire, and every issue, exactly as `safeParse` gives them.
 */
function expectArgumentParity(schema: core.$ZodType, input: unknown): void {
  const event = compileEvent("e", { args: [schema] });
  const expected = safeParseArgument(schema, input);
  const received = parseArgs(event, [input]);
  const sent = [input];
  const refused = checkArgs(event, sent, "/");
  if (expected.success) {
    expect(received).toStrictEqual({ ok: true, value: [expected.data] });
    expect(refused).toBeUndefined();
    expect(sent[0]).toStrictEqual(event.wire![0] ? expected.data : input);
  } else {
    const issues = toContractIssues(expected.error.issues, [0], [], schema);
    expect(received.ok ? [] : received.issues).toStrictEqual(issues);
    expect(refused?.issues).toStrictEqual(issues);
  }
}

/** Feeds random inputs to the prepared schema and to `schema.safeParse`, and compares everything a user can see. */
function expectParity(schema: core.$ZodType, prepared: core.$ZodType): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  fc.assert(
    fc.property(inputFor(schema), (input) => {
      expectArgumentParity(schema, input);
      const expected = (schema as z.ZodType).safeParse(input);
      const parsed = parseValue(prepared, input, [0]);
      expect(parsed.ok).toBe(expected.success);
      if (expected.success) {
        valid++;
        expect(parsed.ok && parsed.value).toStrictEqual(expected.data);
      } else {
        invalid++;
        expect(parsed.ok ? [] : parsed.issues).toStrictEqual(toContractIssues(expected.error.issues, [0], [], schema));
      }
    }),
    { numRuns: RUNS },
  );
  return { valid, invalid };
}

describe("compiled validation matches safeParse", () => {
  // What the server and the Node client install; a browser page gets it with generated parsers.
  beforeAll(() => installCompiler(compileSchema));
  for (const [name, schema] of Object.entries(paritySchemas)) {
    it(`${name}: same success, same value, same issue paths, codes and messages`, () => {
      const prepared = prepareSchema(schema);
      expect(isCompiled(prepared), "Zod's compiler accepts this schema").toBe(true);
      const { valid, invalid } = expectParity(schema, prepared);
      // Both outcomes must really have been compared, or the test proves nothing.
      expect(valid).toBeGreaterThan(RUNS / 40);
      expect(invalid).toBeGreaterThan(RUNS / 40);
    });
  }
});

describe("parsers compiled ahead of time, where code generation is forbidden", () => {
  let folder: string;
  // Schemas no one has compiled yet: compiled functions, once made, stay with their schema.
  const unseen = makeParitySchemas();

  beforeAll(async () => {
    const schemas = Object.values(unseen);
    // What `socket-contract generate` does at build time: Zod's parser code, written as a module.
    const entries = parserSources(schemas).map(
      (source) => `  ${JSON.stringify(source.key)}: function (${source.params.join(", ")}) {\n${source.body}\n  },`,
    );
    folder = mkdtempSync(path.join(tmpdir(), "precompiled-parsers-"));
    const file = path.join(folder, "parsers.mjs");
    writeFileSync(file, `export default {\n${entries.join("\n")}\n};\n`);
    // jitless: Zod's own setting for platforms without eval; the runtime then never evaluates code.
    z.config({ jitless: true });
    for (const schema of schemas)
      expect(isCompiled(compileSchema(schema)), "nothing compiles before the parsers are registered").toBe(false);
    const { default: parsers } = (await import(pathToFileURL(file).href)) as { default: Record<string, ParserFactory> };
    registerParsers(parsers);
  });

  afterAll(() => {
    z.config({ jitless: false });
    rmSync(folder, { recursive: true, force: true });
  });

  for (const [name, schema] of Object.entries(unseen)) {
    it(`${name}: compiled from the registered parser, and still exactly safeParse`, () => {
      const prepared = prepareSchema(schema);
      expect(isCompiled(prepared)).toBe(true);
      const { valid, invalid } = expectParity(schema, prepared);
      expect(valid).toBeGreaterThan(RUNS / 40);
      expect(invalid).toBeGreaterThan(RUNS / 40);
    });
  }
});
