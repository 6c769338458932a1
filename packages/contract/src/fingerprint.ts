import * as core from "zod/v4/core";
import { binaryOptionsOf } from "./binary.js";
import { isZodSchema } from "./schema-kind.js";
import { standardJsonSchemaOf } from "./standard-json-schema.js";
import { streamOfInfo } from "./stream-of.js";
import type { AnySchema, ContractDefinition, EventMap } from "./types.js";

/** Keys that document a schema without changing what it accepts. */
const DOCUMENTATION_KEYS = new Set(["description", "title", "examples", "$schema", "$comment"]);
/** Arrays whose order says nothing (`required: ["a", "b"]` is `required: ["b", "a"]`). */
const UNORDERED_KEYS = new Set(["required", "enum"]);

const cache = new WeakMap<object, string>();

/**
 * A stable hash of a contract's wire shape: its namespaces, the `auth` each one checks, and the
 * arguments, acknowledgement and error data of every event, as the JSON Schema of what a sender
 * may put on the wire. Descriptions, the version, `data` (server-side only) and the order of keys
 * do not change it. Computed the same way in Node and in a browser (no `node:crypto`), once per
 * contract, so a client and a server can compare theirs in the handshake.
 *
 * @example
 * contractFingerprint(contract); // "fnv1a64:5b1f0c2e9d3a7780"
 */
export function contractFingerprint(contract: ContractDefinition): string {
  let fingerprint = cache.get(contract);
  if (fingerprint === undefined) {
    fingerprint = `fnv1a64:${fnv1a64(canonicalJson(wireShapeOf(contract)))}`;
    cache.set(contract, fingerprint);
  }
  return fingerprint;
}

function wireShapeOf(contract: ContractDefinition): unknown {
  const namespaces: Record<string, unknown> = {};
  for (const [path, namespace] of Object.entries(contract.namespaces)) {
    namespaces[path] = {
      auth: namespace.auth === undefined ? null : schemaShape(namespace.auth),
      clientToServer: eventsShape(namespace.clientToServer),
      serverToClient: eventsShape(namespace.serverToClient),
    };
  }
  return { namespaces, serverToServer: eventsShape(contract.serverToServer) };
}

function eventsShape(events: EventMap | undefined): unknown {
  const shape: Record<string, unknown> = {};
  for (const [name, event] of Object.entries(events ?? {})) {
    const errors: Record<string, unknown> = {};
    for (const [code, schema] of Object.entries(event.errors ?? {})) errors[code] = schemaShape(schema);
    const eventShape: Record<string, unknown> = { args: event.args.map(schemaShape), ack: event.ack === undefined ? null : schemaShape(event.ack), errors };
    // Added only where declared, so contracts without streams keep the fingerprints they had.
    if (event.stream !== undefined) eventShape.stream = schemaShape(event.stream);
    shape[name] = eventShape;
  }
  return shape;
}

/**
 * The input-side JSON Schema: what travels on the wire. It must never throw, since it runs inside
 * `bindServer` and `bindClient`: what JSON Schema cannot express is named by its Zod kind, and
 * `binary()` by its limits. A schema of another library gives its Standard JSON Schema, or its
 * vendor's name when it offers none.
 */
function schemaShape(schema: AnySchema): unknown {
  if (!isZodSchema(schema)) return standardJsonSchemaOf(schema, "input") ?? { "x-standard": schema["~standard"].vendor };
  return core.toJSONSchema(schema, {
    io: "input",
    unrepresentable: (context) => ({ "x-zod": context.zodSchema._zod.def.type }),
    override: (context) => {
      const json = context.jsonSchema as Record<string, unknown>;
      const stream = streamOfInfo(context.zodSchema);
      if (stream !== undefined) {
        for (const key of Object.keys(json)) delete json[key];
        Object.assign(json, { "x-stream-of": { item: schemaShape(stream.item), maxItems: stream.maxItems ?? null } });
        return;
      }
      const options = binaryOptionsOf(context.zodSchema);
      if (options === undefined) return;
      for (const key of Object.keys(json)) delete json[key];
      Object.assign(json, { "x-binary": { maxBytes: options.maxBytes ?? null, minBytes: options.minBytes ?? null } });
    },
  });
}

/** JSON with sorted keys, without documentation keys, and with unordered arrays sorted. */
function canonicalJson(value: unknown, key = ""): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalJson(item));
    if (UNORDERED_KEYS.has(key)) items.sort();
    return `[${items.join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .filter((name) => !DOCUMENTATION_KEYS.has(name) && (value as Record<string, unknown>)[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson((value as Record<string, unknown>)[name], name)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes, as 16 hex digits. Computed in 16-bit limbs so it needs
 * no BigInt. Not a cryptographic hash: it tells versions apart, it does not authenticate anyone.
 * Internal (exported for its test).
 *
 * @example
 * fnv1a64("a"); // "af63dc4c8601ec8c"
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // The offset basis 0xcbf29ce484222325, split into 16-bit limbs (high to low).
  let h3 = 0xcbf2;
  let h2 = 0x9ce4;
  let h1 = 0x8422;
  let h0 = 0x2325;
  for (const byte of bytes) {
    h0 ^= byte;
    // Multiply by the prime 0x100000001b3 = 2^40 + 0x1b3, limb by limb, keeping 64 bits.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3;
    const t3 = h3 * 0x1b3;
    const c1 = t1 + (t0 >>> 16);
    const c2 = t2 + (c1 >>> 16) + (h0 << 8);
    const c3 = t3 + (c2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = c1 & 0xffff;
    h2 = c2 & 0xffff;
    h3 = c3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, "0")).join("");
}
