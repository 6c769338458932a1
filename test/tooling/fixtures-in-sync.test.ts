import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { renderAsyncApi } from "../../packages/codegen/src/asyncapi/render-asyncapi.js";
import * as chatFixture from "../fixtures/chat-contract.js";

// The generator's tests keep their own fixtures (a package never imports examples/ or test/); where
// one is a copy, this test keeps it equal to what it copies.

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
/** A copy's text without the comment lines that say where it comes from. */
const withoutHeader = (text: string): string => text.replace(/^(?:\/\/.*\n)+/, "");

describe("fixtures copied into the generator's tests", () => {
  it("packages/codegen/test/fixtures/chat-app.ts is the chat example's contract", () => {
    expect(withoutHeader(read("packages/codegen/test/fixtures/chat-app.ts"))).toBe(
      read("examples/chat/contract/src/contract.ts"),
    );
  });

  it("packages/codegen/test/fixtures/stream-contract.ts is test/fixtures/stream-contract.ts", () => {
    expect(withoutHeader(read("packages/codegen/test/fixtures/stream-contract.ts"))).toBe(
      read("test/fixtures/stream-contract.ts"),
    );
  });
});

describe("test/fixtures/chat-contract.ts as an AsyncAPI document", () => {
  it("is accepted by the official AsyncAPI parser with no error or warning", async () => {
    const parser = new Parser();
    for (const format of ["yaml", "json"] as const) {
      const { document, diagnostics } = await parser.parse(
        renderAsyncApi(chatFixture.contract, format, { exports: chatFixture }),
      );
      expect(
        diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} ${d.message} at ${d.path.join(".")}`),
      ).toEqual([]);
      expect(document?.info().title()).toBe("chat");
    }
  }, 60_000);
});
