import { contractFingerprint } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { generate } from "../src/index.js";
import { contract as classic } from "./fixtures/chat/contract.js";
import { contract as mini } from "./fixtures/chat-mini.js";

// zod/mini is a first-class way to write a contract: the generator walks its definitions as it
// walks classic Zod's, so the chat fixture written in zod/mini generates exactly the same files.
describe("a zod/mini contract", () => {
  const source = { path: "../contract.ts", exportName: "contract" };

  it("has the fingerprint of the same contract in classic Zod", () => {
    expect(contractFingerprint(mini)).toBe(contractFingerprint(classic));
  });

  it("generates the same types, wrappers, parsers and fingerprint as the classic fixture", { timeout: 120_000 }, () => {
    const fromMini = generate(mini, { source });
    const fromClassic = generate(classic, { source });
    expect(fromMini.map((file) => file.path)).toEqual(fromClassic.map((file) => file.path));
    for (const [index, file] of fromMini.entries()) expect(file.text, file.path).toBe(fromClassic[index]!.text);
    expect(fromMini.find((file) => file.path === "chat/types.ts")!.text).toContain("Server-assigned id.");
  });
});
