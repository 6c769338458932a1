import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { defineContract } from "@socket-contract/contract";
import { type } from "arktype";
import * as v from "valibot";
import { expect, it } from "vitest";
import { CodegenError, buildModel } from "../src/index.js";

function contractWith(payload: unknown) {
  return defineContract({
    name: "t",
    version: "1",
    namespaces: { "/t": { clientToServer: { send: { args: [payload as never] } } } },
  });
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (CodegenError.is(error)) return error.message;
    throw error;
  }
  throw new Error("expected a CodegenError");
}

it("a Valibot transform's output, which JSON Schema cannot describe, is refused naming the place", () => {
  const message = failure(() =>
    buildModel(
      contractWith(
        toStandardJsonSchema(
          v.pipe(
            v.string(),
            v.transform((text) => text.length),
          ),
        ),
      ),
    ),
  );
  expect(message).toBe(
    'namespaces["/t"].clientToServer.send.args[0]: this valibot schema cannot describe its output in JSON Schema (The "transform" action cannot be converted to JSON Schema.)',
  );
});

it("an ArkType part whose JSON Schema accepts anything (a Date) is refused naming the place, never rendered unknown", () => {
  const message = failure(() => buildModel(contractWith(type({ at: "Date" }))));
  expect(message).toMatch(
    /^namespaces\["\/t"\]\.clientToServer\.send\.args\[0\]\.at: its JSON Schema accepts any value here/,
  );
});

it("an exported schema of another library keeps its export name (its insides are one JSON Schema, so only the whole is named)", () => {
  const Room = type({ name: "string" });
  const model = buildModel(contractWith(Room), { exports: { Room } });
  expect(model.namespaces[0]!.declarations.map((declaration) => [declaration.name, declaration.type.kind])).toEqual([
    ["Room", "object"],
    ["SendPayload", "reference"],
  ]);
});

it("a recursive schema of another library used in two namespaces is declared in each namespace's file, run after run", () => {
  const Tree = type({ name: "string", children: "this[]" });
  const contract = defineContract({
    name: "t",
    version: "1",
    namespaces: {
      "/a": { clientToServer: { put: { args: [Tree] } } },
      "/b": { clientToServer: { put: { args: [Tree] } } },
    },
  });
  for (let run = 0; run < 2; run++) {
    const model = buildModel(contract);
    for (const namespace of model.namespaces)
      expect(namespace.declarations.map((declaration) => declaration.name)).toEqual(["PutPayload", "PutPayloadNode"]);
  }
});

it("a Valibot key with a default is optional to send and always there on receipt, as inference types it", () => {
  // Valibot's output JSON Schema leaves such a key out of `required` and gives its `default`; the
  // handler's type had `page?: number` where StandardSchemaV1.InferOutput has `page: number`.
  const model = buildModel(
    contractWith(toStandardJsonSchema(v.object({ page: v.optional(v.number(), 1), q: v.optional(v.string()) }))),
  );
  const optionality = model.namespaces[0]!.declarations.map((declaration) => [
    declaration.name,
    declaration.type.kind === "object" ? declaration.type.properties.map((p) => [p.name, p.optional]) : [],
  ]);
  expect(optionality).toEqual([
    [
      "SendPayload",
      [
        ["page", false],
        ["q", true],
      ],
    ],
    [
      "SendPayloadInput",
      [
        ["page", true],
        ["q", true],
      ],
    ],
  ]);
});
