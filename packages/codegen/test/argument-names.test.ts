import { defineContract } from "@socket-contract/contract";
import { expect, it } from "vitest";
import { z } from "zod";
import { CodegenError, buildModel } from "../src/index.js";
import { renderDocsPage } from "../src/docs/render-docs.js";

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
