import { describe, expect, it } from "vitest";
import { z } from "zod";
import { binary, binaryOptionsOf, ContractDefinitionError } from "../src/index.js";

describe("binary()", () => {
  it("accepts every form Node's Socket.IO can send and outputs a Uint8Array view, never a copy", () => {
    const schema = binary();
    const buffer = Buffer.from([1, 2, 3]);
    expect(z.parse(schema, buffer)).toBe(buffer);
    const arrayBuffer = new Uint8Array([4, 5]).buffer;
    const fromArrayBuffer = z.parse(schema, arrayBuffer);
    expect(fromArrayBuffer).toBeInstanceOf(Uint8Array);
    expect(fromArrayBuffer.buffer).toBe(arrayBuffer);
    const view = new DataView(new ArrayBuffer(8), 2, 4);
    const fromView = z.parse(schema, view as never);
    expect(fromView.buffer).toBe(view.buffer);
    expect([fromView.byteOffset, fromView.byteLength]).toEqual([2, 4]);
  });

  it("refuses a Blob on Node, whose Socket.IO cannot send one, saying so", () => {
    // A page sends a Blob as it is (test/browser/blob-from-page.test.ts).
    expect(z.safeParse(binary(), new Blob([new Uint8Array(3)])).error?.issues).toEqual([
      {
        code: "custom",
        path: [],
        message: "Expected a Uint8Array or ArrayBuffer: Node's Socket.IO cannot send a Blob",
      },
    ]);
  });

  it("refuses what is not bytes", () => {
    for (const value of ["AAA", [1, 2], { length: 1 }, null, undefined, 5]) {
      expect(z.safeParse(binary(), value).success).toBe(false);
    }
  });

  it("checks maxBytes and minBytes on every form", () => {
    const schema = binary({ minBytes: 2, maxBytes: 4 });
    expect(z.safeParse(schema, new Uint8Array(4)).success).toBe(true);
    expect(z.safeParse(schema, new Uint8Array(5)).error?.issues[0]).toMatchObject({
      code: "too_big",
      message: "Expected at most 4 bytes",
    });
    expect(z.safeParse(schema, new ArrayBuffer(1)).error?.issues[0]).toMatchObject({
      code: "too_small",
      message: "Expected at least 2 bytes",
    });
  });

  it("works at any depth and is recognisable by tools", () => {
    const schema = z.object({ files: z.array(z.object({ bytes: z.optional(binary({ maxBytes: 10 })) })) });
    expect(z.parse(schema, { files: [{ bytes: new Uint8Array([1]) }, {}] }).files[0]!.bytes).toBeInstanceOf(Uint8Array);
    expect(binaryOptionsOf(binary({ maxBytes: 10 }))).toEqual({ maxBytes: 10 });
    expect(binaryOptionsOf(z.string().describe("avatar"))).toBeUndefined();
    expect(binaryOptionsOf(z.object({ bytes: binary() }).shape.bytes)).toEqual({});
    expect(binaryOptionsOf(z.string())).toBeUndefined();
  });

  it("refuses nonsense limits", () => {
    expect(() => binary({ maxBytes: -1 })).toThrow(ContractDefinitionError);
    expect(() => binary({ minBytes: 5, maxBytes: 1 })).toThrow("minBytes (5) is larger than maxBytes (1)");
  });
});
