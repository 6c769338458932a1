import { describe, expect, it } from "vitest";
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

  it("read anything but a few short strings as empty, never refusing", () => {
    expect(readCarrier("traceparent")).toEqual({});
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
});
