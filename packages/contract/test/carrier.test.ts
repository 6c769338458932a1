import { describe, expect, it } from "vitest";
import type { Carrier } from "../src/interceptor.js";
import { wireCarrier } from "../src/protocol/carrier.js";
import { HANDSHAKE_KEY, payloadSize, readCarrier, splitHandshake, takeCarrier } from "../src/protocol/index.js";

const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

describe("trace context carriers", () => {
  it("are read only from a client that declared them in the handshake", () => {
    const identity = { name: "chat", version: "1.0.0", fingerprint: "abc" };
    expect(splitHandshake({ token: "t", [HANDSHAKE_KEY]: identity }).carrier).toBeUndefined();
    expect(splitHandshake({ token: "t" }).carrier).toBeUndefined();
    const declared = splitHandshake({ token: "t", [HANDSHAKE_KEY]: { ...identity, carrier: { traceparent } } });
    expect(declared.carrier).toEqual({ traceparent });
    expect(declared.auth).toEqual({ token: "t" });
    expect(splitHandshake({ [HANDSHAKE_KEY]: { ...identity, carrier: {} } }).carrier).toEqual({});
  });

  it("travel as the traceparent string alone when that is all they hold, as an object otherwise", () => {
    expect(wireCarrier({ traceparent })).toBe(traceparent);
    expect(wireCarrier({})).toBe("");
    const withState = { traceparent, tracestate: "vendor=1" };
    expect(wireCarrier(withState)).toBe(withState);
    expect(wireCarrier({ "x-b3-traceid": "abc" })).toEqual({ "x-b3-traceid": "abc" });
    // What the server reads back is the carrier the client's interceptors wrote.
    for (const written of [{ traceparent }, {}, withState] as Carrier[])
      expect(readCarrier(wireCarrier(written))).toEqual(written);
  });

  it("read anything but a string or a few short strings as empty, never refusing", () => {
    expect(readCarrier("")).toEqual({});
    expect(readCarrier("x".repeat(1025))).toEqual({});
    expect(Object.getPrototypeOf(readCarrier(traceparent))).toBeNull();
    expect(readCarrier(42)).toEqual({});
    expect(readCarrier([traceparent])).toEqual({});
    expect(readCarrier({ traceparent: 42 })).toEqual({});
    expect(readCarrier({ traceparent: "x".repeat(1025) })).toEqual({});
    expect(readCarrier(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "v"])))).toEqual({});
    const odd = readCarrier(JSON.parse('{"__proto__":"x","traceparent":"y"}'));
    expect(Object.getPrototypeOf(odd)).toBeNull();
    expect(odd.traceparent).toBe("y");
  });

  it("are taken off an event's arguments, last before the ack callback", () => {
    const callback = () => {};
    const args: unknown[] = [{ room: "a" }, { traceparent }, callback];
    expect(takeCarrier(args)).toEqual({ traceparent });
    expect(args).toEqual([{ room: "a" }, callback]);
    const compact: unknown[] = [{ room: "a" }, 2, traceparent, callback];
    expect(takeCarrier(compact)).toEqual({ traceparent });
    expect(compact).toEqual([{ room: "a" }, 2, callback]);
    const withoutAck: unknown[] = ["x", ""];
    expect(takeCarrier(withoutAck)).toEqual({});
    expect(withoutAck).toEqual(["x"]);
    const none: unknown[] = [];
    expect(takeCarrier(none)).toEqual({});
  });
});

describe("payloadSize", () => {
  it("counts UTF-8 bytes of the JSON text and the bytes of binary attachments", () => {
    expect(payloadSize([{ text: "hi" }])).toBe(Buffer.byteLength(JSON.stringify([{ text: "hi" }])));
    expect(payloadSize(["é€😀"])).toBe(Buffer.byteLength('["é€😀"]'));
    expect(payloadSize([{ bytes: new Uint8Array(1000) }])).toBe(Buffer.byteLength('[{"bytes":0}]') + 1000);
    expect(payloadSize([Buffer.alloc(10)])).toBe(Buffer.byteLength("[0]") + 10);
  });

  it("equals the UTF-8 length of JSON.stringify on values without binary, escapes and odd members included", () => {
    const cases: unknown[][] = [
      [],
      [
        null,
        undefined,
        true,
        false,
        0,
        -0,
        7,
        -10,
        99,
        100,
        2 ** 53,
        -(2 ** 60),
        1e20,
        1e21,
        -1.5e-7,
        0.1,
        Number.NaN,
        Number.POSITIVE_INFINITY,
      ],
      ['quote " backslash \\ tab \t newline \n nul \u0000 bell \u0007', "lone \ud800 and \udc00", "é€😀"],
      [{ a: 1, b: undefined, c: () => 1, d: Symbol("s"), e: [undefined, () => 1], 'k"ey': { nested: [1, [2, [3]]] } }],
      [{ when: new Date(0), empty: {}, list: [], map: new Map([[1, 2]]), set: new Set([1]) }],
      [
        {
          order: {
            id: "o-1",
            lines: Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, qty: i, price: i * 1.25 })),
          },
        },
      ],
      // Long strings take a native scan first: plain ASCII, then each kind of character that needs counting.
      [
        "plain printable ASCII, longer than sixteen characters",
        `a long one with a quote " in it`,
        "a long one with a backslash \\ in it",
        "a long one with a control \u0001 and a tab \t",
        "a long one with DEL \u007f, é, € and 😀 and a lone \ud800",
      ],
      // The same member names again (their sizes are remembered), names that need escapes, and powers of ten.
      [{ 'quote"d': 9, é: 10, plain: 99 }, { 'quote"d': 100, é: 1e15, plain: -1e20 }, { plain: 999_999_999_999 }],
      // Decimals: short ones are counted from their scaled integer, any other is written out.
      [12.5, -0.5, -37.25, 0.001, 0.125, 1.1, 0.30000000000000004, 12.500000000000002, 999_999_999.999, 1e9 + 0.5],
      [0.0009, -0.001, 123_456.789, 5e-7, 1 / 3, -2 / 3, 1e-3 + 1e-16],
      // An inherited enumerable member is not JSON's.
      [Object.assign(Object.create({ inherited: 1 }), { own: 2 })],
    ];
    for (const values of cases) expect(payloadSize(values)).toBe(Buffer.byteLength(JSON.stringify(values)));
  });
});
