import { expect, it } from "vitest";
import * as codegen from "../src/index.js";

// The public surface of @socket-contract/codegen: a change here is a visible diff.
it("exports exactly its public API", () => {
  expect(Object.keys(codegen).sort()).toEqual(["BANNER", "CodegenError", "buildModel", "emitFiles", "generate"]);
});
