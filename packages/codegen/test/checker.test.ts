import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CodegenError, generate } from "../src/index.js";
import { loadContract } from "../src/cli/load/load-contract.js";
import { tempDir } from "./support/temp.js";

const contractWith = (money: string): string => `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

${money}

export const contract = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: { "/shop": { clientToServer: { pay: { args: [z.object({ amount: z.number().transform((cents) => new Money(cents)) })] } } } },
});
`;

/** Generates from a contract written to disk, with the checker reading its source, as the CLI does. */
async function generateFrom(text: string) {
  const file = join(tempDir(), "contract.ts");
  writeFileSync(file, text);
  const loaded = await loadContract(file);
  return generate(loaded.contract, {
    source: { path: "../contract.ts", exportName: "contract" },
    exports: loaded.exports,
    staticTypes: loaded.staticTypes,
  });
}

it("a transform into a type the contract module exports imports that type from it", { timeout: 120_000 }, async () => {
  const files = await generateFrom(contractWith("export class Money {\n  constructor(readonly cents: number) {}\n}"));
  const types = files.find((file) => file.path === "shop/types.ts")!.text;
  expect(types).toContain('import type { Money } from "../../contract.js";');
  expect(types).toContain("export interface PayPayload {\n  amount: Money;\n}");
  expect(types).toContain("export interface PayPayloadInput {\n  amount: number;\n}");
});

it("a transform into a type generated code cannot import is an error naming the place and the type", {
  timeout: 120_000,
}, async () => {
  const error = await generateFrom(contractWith("class Money {\n  constructor(readonly cents: number) {}\n}")).catch(
    (thrown: unknown) => thrown,
  );
  expect(CodegenError.is(error)).toBe(true);
  expect((error as CodegenError).message).toBe(
    'namespaces["/shop"].clientToServer.pay.args[0].amount: the output type of this transform schema refers to `Money`, which generated code cannot name; export it from the contract module, or give the transform a type built from standard types',
  );
});

const brandedContract = (
  schemas: string,
  payload: string,
): string => `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

${schemas}

export const contract = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: { "/shop": { clientToServer: { pay: { args: [${payload}] } } } },
});
`;

it("brands on exported constants and inline brands both reach the generated types", { timeout: 120_000 }, async () => {
  // OrderId is tied to its schema by a syntax-only read; the inline brand sends the model to the checker.
  const files = await generateFrom(
    brandedContract(
      'export const OrderId = z.string().brand<"OrderId">();\nexport const Cents = z.number().brand("Cents");',
      'z.object({ order: OrderId, cents: Cents, note: z.string().brand<"Note", "inout">() })',
    ),
  );
  const types = files.find((file) => file.path === "shop/types.ts")!.text;
  expect(types).toContain('export type OrderId = string & $brand<"OrderId">;');
  expect(types).toContain('export type Cents = number & $brand<"Cents">;');
  expect(types).toContain("export type CentsInput = number;");
  expect(types).toContain('note: string & $brand<"Note">;');
});

it("a z.custom without a type argument is an error naming the place, not a silent unknown", {
  timeout: 120_000,
}, async () => {
  const error = await generateFrom(
    brandedContract("", 'z.object({ colour: z.custom((value) => typeof value === "string") })'),
  ).catch((thrown: unknown) => thrown);
  expect(CodegenError.is(error)).toBe(true);
  expect((error as CodegenError).message).toBe(
    'namespaces["/shop"].clientToServer.pay.args[0].colour: this z.custom schema has no type argument, so its type is unknown; name the type it accepts (z.custom<T>(check))',
  );
});
