import { defineContract } from "@socket-contract/contract";
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { expect, it } from "vitest";
import { z } from "zod";
import { CodegenError, buildModel } from "../src/index.js";
import { renderDocsPage } from "../src/docs/render-docs.js";

// ArkType types the metadata `configure` takes through its global ArkEnv.
declare global {
  interface ArkEnv {
    meta(): { name?: string };
  }
}

function contractWith(args: unknown[]) {
  return defineContract({
    name: "t",
    version: "1",
    namespaces: { "/t": { clientToServer: { move: { args: args as never, ack: z.boolean() } } } },
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

it("an argument named through .meta({ name }) keeps its name in the model, through .optional(); others stay positional", () => {
  const model = buildModel(
    contractWith([z.string().meta({ name: "roomId" }), z.number(), z.boolean().meta({ name: "fast" }).optional()]),
  );
  expect(model.namespaces[0]!.clientToServer[0]!.args.map((arg) => arg.name)).toEqual(["roomId", "arg1", "fast"]);
});

it("the docs page names the arguments in its table and in both snippets", () => {
  const page = renderDocsPage(contractWith([z.string().meta({ name: "roomId" }), z.number().meta({ name: "steps" })]));
  expect(page).toContain('<td class="name">roomId</td>');
  expect(page).toContain('<td class="name">steps</td>');
  // The server's handler takes them by name; the client passes example values in their places.
  expect(page.replace(/<[^>]+>/g, "")).toContain("async (roomId, steps) =&gt; {");
});

it.each([
  [
    z.string().meta({ name: "room id" }),
    'namespaces["/t"].clientToServer.move.args[0]: .meta({ name: "room id" }) names an argument, so it must be a JavaScript identifier',
  ],
  [
    z.string().meta({ name: "class" }),
    'namespaces["/t"].clientToServer.move.args[0]: .meta({ name: "class" }): "class" is a reserved word; choose another',
  ],
  [
    z.string().meta({ name: "socket" }),
    'namespaces["/t"].clientToServer.move.args[0]: .meta({ name: "socket" }): "socket" is a name the generated signatures use themselves; choose another',
  ],
])("a name that cannot be a parameter is refused naming the place", (schema, message) => {
  expect(failure(() => buildModel(contractWith([schema])))).toBe(message);
});

it("two arguments with one name are refused", () => {
  expect(
    failure(() => buildModel(contractWith([z.string().meta({ name: "a" }), z.string().meta({ name: "a" })]))),
  ).toBe(
    'namespaces["/t"].clientToServer.move.args[1]: the arguments 0 and 1 are both named "a"; an event\'s argument names must differ',
  );
});

// Valibot's `metadata` action and ArkType's `configure` both carry `name` into the Standard JSON
// Schema the generator reads such schemas through.
const valibotNamed = (schema: v.GenericSchema, name: string) =>
  toStandardJsonSchema(v.pipe(schema, v.metadata({ name })));

it("names Valibot and ArkType arguments through their metadata, beside Zod's .meta, through optional", () => {
  const model = buildModel(
    contractWith([
      valibotNamed(v.string(), "roomId"),
      type("number").configure({ name: "steps" }),
      toStandardJsonSchema(v.optional(v.pipe(v.boolean(), v.metadata({ name: "fast" })))),
      type("string"),
      z.string().meta({ name: "note" }),
    ]),
  );
  expect(model.namespaces[0]!.clientToServer[0]!.args.map((arg) => arg.name)).toEqual([
    "roomId",
    "steps",
    "fast",
    "arg3",
    "note",
  ]);
});

it("the docs page names Valibot and ArkType arguments in its table and snippets", () => {
  const page = renderDocsPage(
    contractWith([valibotNamed(v.string(), "roomId"), type("number").configure({ name: "steps" })]),
  );
  expect(page).toContain('<td class="name">roomId</td>');
  expect(page).toContain('<td class="name">steps</td>');
  expect(page.replace(/<[^>]+>/g, "")).toContain("async (roomId, steps) =&gt; {");
});

it.each([
  [
    valibotNamed(v.string(), "room id"),
    'namespaces["/t"].clientToServer.move.args[0]: metadata({ name: "room id" }) names an argument, so it must be a JavaScript identifier',
  ],
  [
    type("string").configure({ name: "class" }),
    'namespaces["/t"].clientToServer.move.args[0]: metadata({ name: "class" }): "class" is a reserved word; choose another',
  ],
])("a Valibot or ArkType name that cannot be a parameter is refused naming the place", (schema, message) => {
  expect(failure(() => buildModel(contractWith([schema])))).toBe(message);
});

it("a Valibot and an ArkType argument with one name are refused", () => {
  expect(
    failure(() => buildModel(contractWith([valibotNamed(v.string(), "a"), type("string").configure({ name: "a" })]))),
  ).toBe(
    'namespaces["/t"].clientToServer.move.args[1]: the arguments 0 and 1 are both named "a"; an event\'s argument names must differ',
  );
});
