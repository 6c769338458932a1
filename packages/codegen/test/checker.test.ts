import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CodegenError, buildModel } from "../src/index.js";
import { checkerStaticTypes } from "../src/cli/load/checker-static-types.js";
import { openContractProject } from "../src/cli/load/contract-project.js";
import { tempDir } from "./support/temp.js";

const CONTRACT = `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

export class Money {
  constructor(readonly cents: number) {}
}

export const contract = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: { "/shop": { clientToServer: { pay: { args: [z.object({ amount: z.number().transform((cents) => new Money(cents)) })] } } } },
});
`;

it("a transform whose output is a type of the user's own module is an error naming the place and the type", { timeout: 120_000 }, async () => {
  const file = join(tempDir(), "contract.ts");
  writeFileSync(file, CONTRACT);
  const module = (await import(file)) as Record<string, unknown>;
  const staticTypes = checkerStaticTypes(openContractProject(file), "contract");
  let error: unknown;
  try {
    buildModel(module.contract as never, { exports: module, staticTypes });
  } catch (thrown) {
    error = thrown;
  }
  expect(CodegenError.is(error)).toBe(true);
  expect((error as CodegenError).message).toBe(
    'namespaces["/shop"].clientToServer.pay.args[0].amount: the output type of this transform schema refers to `Money`, which generated code cannot name; give the transform a type built from standard types',
  );
});
