import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  compileSchema,
  isCompiled,
  contractSchemas,
  parseValue,
  parserKey,
  parserSources,
  prepareSchema,
  registerParsers,
  toContractIssues,
} from "../src/protocol/index.js";
import { binary, defineContract } from "../src/index.js";
import { paritySchemas } from "./support/parity-schemas.js";

const CHILD = fileURLToPath(new URL("./support/no-eval-child.ts", import.meta.url));

/** A module of precompiled parsers, as the code generator writes them (here without the import line). */
function parsersModule(schemas: z.ZodType[]): string {
  const entries = parserSources(schemas).map(
    (source) => `  ${JSON.stringify(source.key)}: function (${source.params.join(", ")}) {\n${source.body}\n  },`,
  );
  return `export default {\n${entries.join("\n")}\n};\n`;
}

afterEach(() => {
  z.config({ jitless: false });
});

describe("parserSources", () => {
  it("gives each schema's parser and assert-only validator once, sorted, the same on every call", () => {
    const room = z.object({ room: z.string() });
    const sources = parserSources([room, room, z.string()]);
    expect(sources.map((s) => s.key)).toEqual([...sources.map((s) => s.key)].sort());
    // An object has a parser and a distinct validator; a bare string's two are the same code.
    expect(sources.length).toBe(3);
    for (const source of sources) {
      expect(source.params[0]).toBe("INVALID");
      expect(source.body.startsWith("return (input) => {")).toBe(true);
      expect(source.key).toBe(parserKey(source.params, source.body));
    }
    expect(parserSources([room, room, z.string()])).toEqual(sources);
  });

  it("covers every schema the runtimes validate with: auth, data, arguments, acks, error data, server-to-server", () => {
    const [auth, data, arg, ack, error, inter] = [
      z.object({ token: z.string() }),
      z.object({ id: z.string() }),
      z.string().min(1),
      z.number(),
      z.object({ capacity: z.number() }),
      z.boolean(),
    ];
    const contract = defineContract({
      name: "all",
      version: "1.0.0",
      namespaces: {
        "/a": {
          auth,
          data,
          clientToServer: { e: { args: [arg], ack, errors: { FULL: error } } },
          serverToClient: { s: { args: [arg] } },
        },
      },
      serverToServer: { i: { args: [inter] } },
    });
    expect(contractSchemas(contract)).toEqual([auth, data, arg, ack, error, inter]);
  });
});

describe("registered parsers", () => {
  it("are used under jitless only for the exact code they were built from", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "parsers-"));
    try {
      const registered = z.object({ room: z.string(), size: z.number().int() });
      const other = z.object({ room: z.string(), size: z.number() });
      writeFileSync(path.join(folder, "parsers.mjs"), parsersModule([registered]));
      const { default: parsers } = await import(path.join(folder, "parsers.mjs"));
      z.config({ jitless: true });
      registerParsers(parsers);
      expect(isCompiled(compileSchema(registered))).toBe(true);
      expect(isCompiled(compileSchema(other)), "another schema's code is not in the registry").toBe(false);
      expect(parseValue(prepareSchema(registered), { room: "a", size: 2, extra: 1 }, [])).toEqual({
        ok: true,
        value: { room: "a", size: 2 },
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("let prepareSchema compile a schema it had prepared before they were registered", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "parsers-"));
    try {
      const late = z.object({ late: z.boolean(), n: z.number().max(3) });
      z.config({ jitless: true });
      expect(isCompiled(prepareSchema(late))).toBe(false);
      writeFileSync(path.join(folder, "parsers.mjs"), parsersModule([late]));
      registerParsers((await import(path.join(folder, "parsers.mjs"))).default);
      expect(isCompiled(prepareSchema(late))).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("leave a schema Zod cannot compile on Zod's parser, which still validates", () => {
    const recursive: z.ZodType = z.lazy(() => z.object({ children: z.array(recursive) }));
    expect(isCompiled(compileSchema(recursive))).toBe(false);
    expect(parseValue(prepareSchema(recursive), { children: [{ children: 1 }] }, [])).toMatchObject({
      ok: false,
      issues: [{ path: ["children", 0, "children"], code: "invalid_type" }],
    });
    expect(parseValue(prepareSchema(binary()), new Uint8Array(2), [])).toMatchObject({ ok: true });
  });
});

describe("in a Node process that forbids code generation (--disallow-code-generation-from-strings)", () => {
  let folder: string;
  let parsersFile: string;
  const inputs: unknown[] = [
    { room: "lobby", text: "hi" },
    { room: "lobby", text: "" },
    { id: "m1", room: "r", text: "t", at: 1 },
    null,
    "pong",
    { orderId: "o", customer: { id: "c", name: "n", vip: true }, lines: [], currency: "EUR" },
  ];

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), "parsers-"));
    parsersFile = path.join(folder, "parsers.mjs");
    writeFileSync(parsersFile, parsersModule(Object.values(paritySchemas)));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function runChild(parsers: string): {
    evalRefused: boolean;
    schemas: { name: string; compiled: boolean; results: unknown[] }[];
  } {
    const output = execFileSync(
      process.execPath,
      [
        "--disallow-code-generation-from-strings",
        "--conditions=@socket-contract/source",
        "--import",
        "tsx",
        CHILD,
        parsers,
        ...inputs.map((input) => JSON.stringify(input)),
      ],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    return JSON.parse(output);
  }

  function expected(name: string): unknown[] {
    const schema = paritySchemas[name as keyof typeof paritySchemas] as z.ZodType;
    return inputs.map((input) => {
      const result = schema.safeParse(input);
      return result.success
        ? { ok: true, value: result.data }
        : { ok: false, issues: toContractIssues(result.error.issues, [0], [], schema) };
    });
  }

  it("compiles every schema from the generated parsers, and parses exactly as safeParse", () => {
    const report = runChild(parsersFile);
    expect(report.evalRefused).toBe(true);
    for (const schema of report.schemas) {
      expect({ name: schema.name, compiled: schema.compiled }).toEqual({ name: schema.name, compiled: true });
      expect(schema.results).toEqual(JSON.parse(JSON.stringify(expected(schema.name))));
    }
  }, 60_000);

  it("without generated parsers, still parses exactly as safeParse, on Zod's ordinary parser", () => {
    const report = runChild("none");
    expect(report.evalRefused).toBe(true);
    for (const schema of report.schemas) {
      expect({ name: schema.name, compiled: schema.compiled }).toEqual({ name: schema.name, compiled: false });
      expect(schema.results).toEqual(JSON.parse(JSON.stringify(expected(schema.name))));
    }
  }, 60_000);
});
