import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as zm from "zod/mini";
import { fnv1a64 } from "../src/fingerprint.js";
import { binary, contractFingerprint, defineContract, registerFingerprint, streamOf } from "../src/index.js";

function chat(message: z.ZodType, extra: { version?: string; description?: string } = {}) {
  return defineContract({
    name: "chat",
    version: extra.version ?? "1.0.0",
    namespaces: {
      "/chat": {
        auth: z.object({ token: z.string() }),
        clientToServer: {
          "message:send": { description: extra.description, args: [message], ack: z.object({ id: z.string() }) },
        },
      },
    },
  });
}

/** FNV-1a 64 with BigInt, the textbook way, to check the 16-bit-limb version against. */
function reference(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text))
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, "0");
}

describe("contractFingerprint", () => {
  it("hashes with FNV-1a 64, matching the published test vectors and a BigInt reference", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
    for (const text of ["chat", "é→😀", "x".repeat(10_000), JSON.stringify({ a: [1, 2, { b: "c" }] })]) {
      expect(fnv1a64(text)).toBe(reference(text));
    }
  });

  it("is the same for the same shape, whatever the key order, version or descriptions", () => {
    const base = contractFingerprint(chat(z.object({ room: z.string(), text: z.string().min(1) })));
    expect(base).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(contractFingerprint(chat(z.object({ text: z.string().min(1), room: z.string() })))).toBe(base);
    expect(
      contractFingerprint(
        chat(z.object({ room: z.string(), text: z.string().min(1) }), { version: "9.9.9", description: "Post." }),
      ),
    ).toBe(base);
    expect(
      contractFingerprint(chat(z.object({ room: z.string().describe("The room"), text: z.string().min(1) }))),
    ).toBe(base);
  });

  it("changes with anything a peer would notice on the wire", () => {
    const base = contractFingerprint(chat(z.object({ room: z.string(), text: z.string().min(1) })));
    const variants = [
      z.object({ room: z.string(), text: z.string().min(2) }),
      z.object({ room: z.string(), text: z.string().min(1).optional() }),
      z.object({ room: z.string(), text: z.string().min(1), at: z.number() }),
      z.object({ room: z.string(), text: binary() }),
      z.object({ room: z.string(), text: binary({ maxBytes: 10 }) }),
      z.object({ room: z.string(), text: z.date() }),
    ];
    const prints = variants.map((variant) => contractFingerprint(chat(variant)));
    expect(new Set([base, ...prints]).size).toBe(variants.length + 1);
  });

  it("never throws, even where JSON Schema has no word for a type", () => {
    const contract = chat(
      z.object({
        at: z.date(),
        big: z.bigint(),
        custom: z.custom<string>(() => true),
        out: z.string().transform(Number),
      }),
    );
    const first = contractFingerprint(contract);
    expect(contractFingerprint(contract)).toBe(first);
  });

  it("is the same for a contract written in zod/mini as for the same contract in classic Zod", () => {
    const classic = chat(
      z.object({
        room: z.string().regex(/^[a-z]+$/),
        text: z.string().trim().min(1).max(10),
        bytes: z.optional(binary({ maxBytes: 5 })),
        tags: z.array(z.enum(["a", "b"])).default([]),
      }),
    );
    const mini = defineContract({
      name: "chat",
      version: "2.0.0",
      namespaces: {
        "/chat": {
          auth: zm.object({ token: zm.string() }),
          clientToServer: {
            "message:send": {
              args: [
                zm.object({
                  room: zm.string().check(zm.regex(/^[a-z]+$/)),
                  text: zm.string().check(zm.trim(), zm.minLength(1), zm.maxLength(10), zm.describe("The text")),
                  bytes: zm.optional(binary({ maxBytes: 5 })),
                  tags: zm._default(zm.array(zm.enum(["a", "b"])), []),
                }),
              ],
              ack: zm.object({ id: zm.string() }),
            },
          },
        },
      },
    });
    expect(contractFingerprint(mini)).toBe(contractFingerprint(classic));
    const other = chat(
      z.object({
        room: z.string().regex(/^[a-z]+$/),
        text: z.string().trim().min(1).max(11),
        bytes: z.optional(binary({ maxBytes: 5 })),
        tags: z.array(z.enum(["a", "b"])).default([]),
      }),
    );
    expect(contractFingerprint(other)).not.toBe(contractFingerprint(classic));
  });

  it("ends on a recursive schema and tells two recursive shapes apart", () => {
    const Tree: z.ZodType<unknown> = z.object({
      name: z.string(),
      get children() {
        return z.array(Tree);
      },
    });
    const Other: z.ZodType<unknown> = z.object({
      name: z.number(),
      get children() {
        return z.array(Other);
      },
    });
    expect(contractFingerprint(chat(Tree as z.ZodObject))).toMatch(/^fnv1a64:/);
    expect(contractFingerprint(chat(Tree as z.ZodObject))).not.toBe(contractFingerprint(chat(Other as z.ZodObject)));
  });

  it("takes a fingerprint registered by generated code instead of computing one", () => {
    const contract = chat(z.object({ room: z.string() }));
    registerFingerprint(contract, "fnv1a64:0123456789abcdef");
    expect(contractFingerprint(contract)).toBe("fnv1a64:0123456789abcdef");
  });
});

describe("contractFingerprint of streams", () => {
  function streams(event: Record<string, unknown>) {
    return defineContract({
      name: "s",
      version: "1",
      namespaces: { "/s": { clientToServer: { search: { args: [z.string()], ...event } as never } } },
    });
  }

  it("tells apart every stream shape, and keeps a plain event's print", () => {
    const plain = contractFingerprint(streams({}));
    const prints = [
      streams({ stream: z.string() }),
      streams({ stream: z.number() }),
      streams({ args: [z.string(), streamOf(z.string())] }),
      streams({ args: [z.string(), streamOf(z.number())] }),
      streams({ args: [z.string(), streamOf(z.number(), { maxItems: 3 })] }),
    ].map(contractFingerprint);
    expect(new Set([plain, ...prints]).size).toBe(6);
    // The window is flow control, not shape: two peers with other windows still speak the same contract.
    expect(contractFingerprint(streams({ args: [z.string(), streamOf(z.number(), { window: 4 })] }))).toBe(prints[3]);
  });
});
