import {
  type PlacedParsers,
  PARSER_HELPERS,
  attachParsers,
  fastPathOf,
  parseValue,
} from "@socket-contract/contract/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { util } from "zod/v4/core";
import { contract } from "./fixtures/chat/contract.js";
import { clientParsers } from "./fixtures/chat/golden/parsers.js";

const INVALID = Symbol.for("zod.compile.invalid");

// In a file of its own: a schema keeps the compiled functions it is first given, so these schemas
// must not have been compiled from the registered parsers (parsers.test.ts) before they are attached.
// clientParsers places each parser a client runs on the schema it was compiled from: a page
// attaches them with no compiler and no code evaluated, and validates at compiled speed.
describe("the generated clientParsers", () => {
  beforeAll(() => {
    z.config({ jitless: true });
    attachParsers(contract, clientParsers as PlacedParsers);
  });

  afterAll(() => {
    z.config({ jitless: false });
  });

  const send = contract.namespaces["/chat"].clientToServer["message:send"];

  it("gives each schema a client checks a compiled parser, and none to what it does not", () => {
    expect(fastPathOf(send.args[0])).toBeDefined();
    expect(fastPathOf(send.ack)).toBeDefined();
    expect(fastPathOf(contract.namespaces["/chat"].serverToClient.message.args[0])).toBeDefined();
    // Error data is checked only when a call fails: Zod's parser serves it.
    expect(fastPathOf(send.errors.ROOM_FULL)).toBeUndefined();
  });

  it("parses with them exactly as Zod does, the constants gathered from the schema", () => {
    const parsed = parseValue(send.args[0], { room: "lobby", text: "hi", extra: 1 }, [0]);
    expect(parsed).toEqual({ ok: true, value: { room: "lobby", text: "hi" } });
    expect(fastPathOf(send.args[0])!.parse({ room: "lobby", text: "x".repeat(2001) })).toBe(INVALID);
    expect(parseValue(send.args[0], { room: "lobby", text: "" }, [0])).toEqual({
      ok: false,
      issues: [{ path: [0, "text"], code: "too_small", message: "Too small: expected string to have >=1 characters" }],
    });
    // Code points, not UTF-16 units, as Zod counts them: 2000 emoji are 4000 units.
    expect(parseValue(send.args[0], { room: "lobby", text: "😀".repeat(2000) }, [0]).ok).toBe(true);
    expect(parseValue(send.args[0], { room: "lobby", text: "😀".repeat(2001) }, [0]).ok).toBe(false);
  });

  it("attaches nothing under another Zod version than the generator's", () => {
    const other = z.object({ room: z.string() });
    const placed: PlacedParsers = {
      zod: "0.0.0",
      namespaces: { "/chat": { clientToServer: { "message:send": { 0: [() => () => true] } } } },
    };
    attachParsers(
      { name: "c", version: "1", namespaces: { "/chat": { clientToServer: { "message:send": { args: [other] } } } } },
      placed,
    );
    expect(fastPathOf(other)).toBeUndefined();
  });

  it("counts code points with the same helper Zod's parsers call", () => {
    for (const text of ["", "a", "😀", "a😀b", "\uD800", "\uDC00\uD800", "\uD83D\uDE00\uD83D", "é́"])
      expect(PARSER_HELPERS.codePointLength(text)).toBe(util.codePointLength(text));
  });
});
