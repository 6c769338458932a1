import { $ZodCustom, type $ZodCheck, $ZodPipe, $ZodTransform, type ParsePayload } from "zod/v4/core";
import { ContractDefinitionError } from "./definition-error.js";

/** What a sender may pass where a contract says `binary()`. A Node `Buffer` is a `Uint8Array`. */
export type BinaryInput = Uint8Array | ArrayBuffer | Blob;

export interface BinaryOptions {
  /** Largest accepted size in bytes, checked before any handler runs. */
  readonly maxBytes?: number;
  /** Smallest accepted size in bytes. */
  readonly minBytes?: number;
}

/**
 * The schema `binary()` returns: any of the `BinaryInput` forms in, a `Uint8Array` out. A Zod core
 * schema, so it stands in a classic `z.object` and a `zod/mini` one alike; wrap it the same way in
 * both, as `z.optional(binary())`.
 */
export type BinarySchema = $ZodPipe<$ZodCustom<BinaryInput, BinaryInput>, $ZodTransform<Uint8Array, BinaryInput>>;

/** The key of a pipe's definition that marks it as `binary()`: a definition is copied into every clone. */
const BINARY_KEY = "socketContractBinary";

/**
 * Bytes, the same on every platform: the sender may pass a `Uint8Array` (a Node `Buffer` is one),
 * another typed-array view, an `ArrayBuffer`, or a `Blob` where the platform has one; the receiver
 * always gets a `Uint8Array`, a view over what Socket.IO delivered, never a copy. Sizes are checked
 * before any handler runs. Binary may stand at any depth of a payload or an ack.
 *
 * A `Blob` is checked by its size only; it is for sending from a page, since no receiver is handed
 * one. On Node (Bun and Deno included) it is refused before anything is sent: Socket.IO there
 * cannot send a Blob, and one handed to it closes the connection.
 *
 * Built on `zod/v4/core` alone, so a page whose contract is written in `zod/mini` pays for no more
 * of Zod than it uses.
 *
 * @example
 * const upload = z.object({ name: z.string(), bytes: binary({ maxBytes: 2_000_000 }), thumbnail: z.optional(binary()) });
 */
export function binary(options: BinaryOptions = {}): BinarySchema {
  const { maxBytes, minBytes } = options;
  checkLimit("maxBytes", maxBytes);
  checkLimit("minBytes", minBytes);
  if (maxBytes !== undefined && minBytes !== undefined && minBytes > maxBytes) {
    throw new ContractDefinitionError("binary()", `minBytes (${minBytes}) is larger than maxBytes (${maxBytes})`);
  }
  const checks: $ZodCheck<BinaryInput>[] = [];
  if (maxBytes !== undefined || minBytes !== undefined) checks.push(sizeCheck(maxBytes, minBytes));
  const bytes = new $ZodCustom({
    type: "custom",
    check: "custom",
    fn: isBinaryInput,
    abort: true,
    error: (issue: { input?: unknown }) => (hasBlob && issue.input instanceof Blob ? BLOB_ON_NODE : EXPECTED),
    checks: checks as $ZodCheck<unknown>[],
  });
  const out = new $ZodTransform({ type: "transform", transform: toUint8Array as (input: unknown) => unknown });
  const marker: { maxBytes?: number; minBytes?: number } = {};
  if (maxBytes !== undefined) marker.maxBytes = maxBytes;
  if (minBytes !== undefined) marker.minBytes = minBytes;
  return new $ZodPipe({
    type: "pipe",
    in: bytes,
    out,
    [BINARY_KEY]: Object.freeze(marker),
  } as never) as unknown as BinarySchema;
}

/**
 * The options of a schema made by `binary()`, or `undefined` for any other schema. For tools that
 * render a contract (code generator, AsyncAPI).
 *
 * @example
 * binaryOptionsOf(binary({ maxBytes: 10 })); // { maxBytes: 10 }
 */
export function binaryOptionsOf(schema: unknown): BinaryOptions | undefined {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | null)?._zod?.def;
  const options = typeof def === "object" && def !== null ? def[BINARY_KEY] : undefined;
  return typeof options === "object" && options !== null ? (options as BinaryOptions) : undefined;
}

function checkLimit(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new ContractDefinitionError("binary()", `${name} must be a non-negative whole number`);
  }
}

/** Checks a size, read from `byteLength` (or a Blob's `size`) without touching the bytes. */
function sizeCheck(maxBytes: number | undefined, minBytes: number | undefined): $ZodCheck<BinaryInput> {
  const check = (payload: ParsePayload<BinaryInput>): void => {
    const size = byteSize(payload.value);
    if (maxBytes !== undefined && size > maxBytes) {
      payload.issues.push({
        code: "too_big",
        origin: "binary",
        maximum: maxBytes,
        inclusive: true,
        input: payload.value,
        message: `Expected at most ${maxBytes} bytes`,
      } as never);
    } else if (minBytes !== undefined && size < minBytes) {
      payload.issues.push({
        code: "too_small",
        origin: "binary",
        minimum: minBytes,
        inclusive: true,
        input: payload.value,
        message: `Expected at least ${minBytes} bytes`,
      } as never);
    }
  };
  // The shape Zod gives an inline check (`schema.check(fn)`), built here without Zod's classic API.
  return { _zod: { check, def: { check: "custom" }, onattach: [] } } as unknown as $ZodCheck<BinaryInput>;
}

const hasBlob = typeof Blob === "function";
/**
 * Whether Socket.IO here can send a Blob: a page's can; Node's engine.io (client and server) hands
 * one to the transport as it is, which closes the connection ("transport close"), every pending
 * ack on it rejected with DISCONNECTED. Reading a Blob is asynchronous, so the check cannot turn
 * one into bytes; it refuses it instead.
 */
const sendsBlob = hasBlob && !(globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node;
const EXPECTED = "Expected binary data (Uint8Array, ArrayBuffer or Blob)";
const BLOB_ON_NODE = "Expected a Uint8Array or ArrayBuffer: Node's Socket.IO cannot send a Blob";

function isBinaryInput(value: unknown): value is BinaryInput {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    Object.prototype.toString.call(value) === "[object ArrayBuffer]" ||
    (sendsBlob && value instanceof Blob)
  );
}

function byteSize(value: BinaryInput): number {
  if (hasBlob && value instanceof Blob) return value.size;
  return (value as ArrayBuffer | ArrayBufferView).byteLength;
}

function toUint8Array(value: BinaryInput): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (hasBlob && value instanceof Blob) return value as unknown as Uint8Array;
  return new Uint8Array(value as ArrayBuffer);
}
