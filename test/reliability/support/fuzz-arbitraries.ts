import { RESERVED_EVENT_NAMES } from "@socket-contract/contract";
import fc from "fast-check";
import type { Case } from "./oracle.js";

/** A case and how it was built: valid or invalid by construction, or random (judged by the oracle alone). */
export type Labelled = Case & { readonly label: "valid" | "invalid" | "random" };

const text = fc.string({ maxLength: 30, unit: "grapheme" });
const ascii = fc.string({ maxLength: 20 });
/** Strings far over any field's limit, up to 100,000 characters (six bytes each once JSON escapes them). */
const huge = fc
  .tuple(fc.constantFrom("a", "é", "\u0000", '"', "\\"), fc.integer({ min: 1_000, max: 100_000 }))
  .map(([char, count]) => char.repeat(count));
/** Arrays or objects nested `min` to `max` levels deep around a leaf (which may add one more). */
const nested = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.boolean(), fc.jsonValue({ maxDepth: 1 })).map(([depth, asArray, leaf]) => {
    let value: unknown = leaf;
    for (let level = 0; level < depth; level++) value = asArray ? [value] : { d: value };
    return value;
  });
/** Arrays or objects nested up to 1,000 levels deep. */
const deep = nested(2, 1_000);
/** Bytes of every size from empty to 64 KiB, as a Buffer, a plain Uint8Array or an ArrayBuffer. */
const bytes = (maxLength: number, minLength = 0) =>
  fc
    .tuple(
      fc.integer({ min: minLength, max: maxLength }),
      fc.constantFrom("buffer", "view", "arraybuffer"),
      fc.integer({ min: 0, max: 255 }),
    )
    .map(([length, form, seed]) => {
      const view = new Uint8Array(length);
      for (let index = 0; index < length; index++) view[index] = (seed + index * 31) & 0xff;
      return form === "buffer" ? Buffer.from(view.buffer) : form === "view" ? view : view.buffer;
    });
const anything: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 6 },
  { arbitrary: bytes(256), weight: 2 },
  { arbitrary: huge, weight: 1 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: fc.constantFrom(undefined, null, Number.NaN, -0, Infinity, "", [], {}), weight: 2 },
);
const extraKeys = fc.dictionary(
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter(
      (key) => !["id", "count", "tags", "meta", "kind", "r", "w", "h", "name", "bytes", "__proto__"].includes(key),
    ),
  fc.jsonValue({ maxDepth: 1 }),
  { maxKeys: 3 },
);
const item = fc.record({
  id: fc.string({ minLength: 1, maxLength: 40 }),
  count: fc.integer({ min: 0, max: 1_000 }),
  tags: fc.array(ascii, { maxLength: 5 }),
  meta: fc.record({ flag: fc.boolean(), note: text }, { requiredKeys: ["flag"] }),
});
const shape = fc.oneof(
  fc.record({ kind: fc.constant("circle"), r: fc.double({ min: 1e-9, max: 1e9, noNaN: true }) }),
  fc.record({
    kind: fc.constant("rect"),
    w: fc.double({ noNaN: true, noDefaultInfinity: true }),
    h: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }),
);

/** Arguments valid by construction for each event, unknown object keys included (they are stripped). */
const validArgs: Record<string, fc.Arbitrary<readonly unknown[]>> = {
  "item:put": fc.tuple(fc.tuple(item, extraKeys).map(([value, extra]) => ({ ...extra, ...value }))),
  "shape:area": fc.tuple(shape),
  "tuple:echo": fc.tuple(fc.tuple(text, fc.integer(), fc.boolean())),
  "multi:args": fc.tuple(fc.string({ maxLength: 100 }), fc.integer(), fc.constantFrom("a", "b", "c")),
  "maybe:name": fc.tuple(fc.option(text, { nil: null }), fc.option(fc.integer(), { nil: undefined })),
  "file:put": fc.tuple(fc.record({ name: fc.string({ maxLength: 100 }), bytes: bytes(4_096) })),
  "files:many": fc.tuple(fc.array(bytes(64), { maxLength: 4 })),
  "log:line": fc.tuple(fc.oneof(text, huge), fc.boolean()),
  beat: fc.constant([]),
  "json:any": fc.tuple(fc.oneof(fc.jsonValue({ maxDepth: 4 }), nested(2, 127))),
};

/** Arguments invalid by construction: each breaks exactly one declared rule. */
const invalidArgs: Record<string, fc.Arbitrary<readonly unknown[]>> = {
  "item:put": fc.oneof(
    item.map((value) => [{ ...value, id: "" }]),
    fc.tuple(item, huge).map(([value, id]) => [{ ...value, id }]),
    fc
      .tuple(
        item,
        fc.oneof(
          fc.integer({ max: -1 }),
          fc.integer({ min: 1_001 }),
          fc.double({ min: 0.1, max: 0.9 }),
          fc.constant("7"),
        ),
      )
      .map(([value, count]) => [{ ...value, count }]),
    fc.tuple(item, fc.array(ascii, { minLength: 6, maxLength: 50 })).map(([value, tags]) => [{ ...value, tags }]),
    item.map(({ meta: _meta, ...rest }) => [rest]),
    item.map((value) => [{ ...value, meta: { flag: "yes" } }]),
  ),
  "shape:area": fc.oneof(
    fc.constant([{ kind: "triangle", r: 1 }]),
    fc.double({ max: 0, noNaN: true }).map((r) => [{ kind: "circle", r }]),
    fc.constant([{ kind: "rect", w: 1 }]),
  ),
  "tuple:echo": fc.oneof(
    fc.tuple(text, fc.integer()).map((pair) => [pair]),
    fc.tuple(text, fc.double({ min: 0.1, max: 0.9 }), fc.boolean()).map((triple) => [triple]),
    fc.tuple(text, fc.integer(), fc.boolean(), fc.boolean()).map((four) => [four]),
  ),
  "multi:args": fc.oneof(
    fc.tuple(huge, fc.integer(), fc.constant("a")),
    fc.tuple(text, fc.integer(), fc.constantFrom("d", "A", "")),
    fc.tuple(text, fc.constant("1"), fc.constant("b")),
  ),
  "maybe:name": fc.oneof(
    fc.tuple(fc.integer()),
    fc.tuple(fc.integer(), fc.integer()),
    fc.tuple(text, fc.constant("3")),
  ),
  "file:put": fc.oneof(
    fc.tuple(fc.record({ name: text, bytes: bytes(65_536, 4_097) })),
    fc.tuple(
      fc.record({
        name: text,
        bytes: fc.oneof(
          text,
          fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }),
          fc.constant({ type: "Buffer", data: [1, 2] }),
        ),
      }),
    ),
  ),
  "files:many": fc.oneof(
    fc.tuple(fc.array(bytes(64), { minLength: 5, maxLength: 8 })),
    fc.tuple(fc.array(bytes(1_000, 65), { minLength: 1, maxLength: 2 })),
  ),
  "log:line": fc.oneof(fc.tuple(text), fc.tuple(text, fc.constantFrom("true", 1, null))),
  beat: fc.array(anything, { minLength: 1, maxLength: 3 }),
  // z.json() is recursive: past maxDepth (default 128 levels) a value is refused unparsed.
  "json:any": fc.oneof(fc.constant([]), fc.tuple(fc.jsonValue(), fc.jsonValue()), fc.tuple(nested(129, 1_000))),
};

const ackLess = new Set(["files:many", "log:line", "beat"]);
const names = Object.keys(validArgs);

/** A non-function where the ack callback would be: it is one more argument. */
const notAFunction = fc.constantFrom("callback", 0, null, {}, [], true);

const valid: fc.Arbitrary<Labelled> = fc
  .constantFrom(...names)
  .chain((event) =>
    fc.record({
      event: fc.constant(event),
      args: validArgs[event]!,
      callback: ackLess.has(event) ? fc.boolean() : fc.constant(true),
    }),
  )
  .map((call) => ({ ...call, label: "valid" as const }));

const invalid: fc.Arbitrary<Labelled> = fc
  .oneof(
    fc
      .constantFrom(...names)
      .chain((event) => fc.record({ event: fc.constant(event), args: invalidArgs[event]!, callback: fc.boolean() })),
    // Correct arguments followed by a non-function where the callback would be.
    fc.constantFrom(...names.filter((name) => name !== "json:any")).chain((event) =>
      fc.record({
        event: fc.constant(event),
        args: fc.tuple(validArgs[event]!, notAFunction).map(([args, extra]) => [...args, extra]),
        callback: fc.constant(!ackLess.has(event)),
      }),
    ),
  )
  .map((call) => ({ ...call, label: "invalid" as const }));

const random: fc.Arbitrary<Labelled> = fc
  .record({
    event: fc.oneof(
      fc.constantFrom(...names),
      fc.constantFrom("unknown:event", "__proto__", "toString", "constructor", "hasOwnProperty"),
      fc.string({ minLength: 1, maxLength: 300 }),
    ),
    args: fc.array(anything, { maxLength: 4 }),
    callback: fc.boolean(),
  })
  .filter(({ event }) => !RESERVED.has(event))
  .map((call) => ({ ...call, label: "random" as const }));

/** Names the contract reserves (socket.io-client refuses to emit most of them), and Socket.IO's "sync". */
const RESERVED = new Set([...RESERVED_EVENT_NAMES, "sync"]);

/** The mix the fuzz test draws from: a third valid, a third invalid, a third random. */
export const call: fc.Arbitrary<Labelled> = fc.oneof(valid, invalid, random);
