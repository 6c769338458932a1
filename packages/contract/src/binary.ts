import { z } from "zod";
import { ContractDefinitionError } from "./definition-error.js";

/** What a sender may pass where a contract says `binary()`. A Node `Buffer` is a `Uint8Array`. */
export type BinaryInput = Uint8Array | ArrayBuffer | Blob;

export interface BinaryOptions {
  /** Largest accepted size in bytes, checked before any handler runs. */
  readonly maxBytes?: number;
  /** Smallest accepted size in bytes. */
  readonly minBytes?: number;
}

/** The schema `binary()` returns: any of the `BinaryInput` forms in, a `Uint8Array` out. */
export type BinarySchema = z.ZodPipe<z.ZodCustom<BinaryInput, BinaryInput>, z.ZodTransform<Uint8Array, BinaryInput>>;

/** The metadata key that marks a binary schema; read through the registry, so it survives clones. */
const BINARY_META_KEY = "socketContractBinary";

/**
 * Bytes, the same on every platform: the sender may pass a `Uint8Array` (a Node `Buffer` is one),
 * another typed-array view, an `ArrayBuffer`, or a `Blob` where the platform has one; the receiver
 * always gets a `Uint8Array`, a view over what Socket.IO delivered, never a copy. Sizes are checked
 * before any handler runs. Binary may stand at any depth of a payload or an ack.
 *
 * A `Blob` is checked by its size only; it is for sending, since no receiver is handed one.
 *
 * @example
 * const upload = z.object({ name: z.string(), bytes: binary({ maxBytes: 2_000_000 }) });
 */
export function binary(options: BinaryOptions = {}): BinarySchema {
  const { maxBytes, minBytes } = options;
  checkLimit("maxBytes", maxBytes);
  checkLimit("minBytes", minBytes);
  if (maxBytes !== undefined && minBytes !== undefined && minBytes > maxBytes) {
    throw new ContractDefinitionError("binary()", `minBytes (${minBytes}) is larger than maxBytes (${maxBytes})`);
  }
  const bytes = z.custom<BinaryInput>(isBinaryInput, { error: "Expected binary data (Uint8Array, ArrayBuffer or Blob)" });
  const sized =
    maxBytes === undefined && minBytes === undefined
      ? bytes
      : bytes.check((ctx) => {
          const size = byteSize(ctx.value);
          if (maxBytes !== undefined && size > maxBytes) {
            ctx.issues.push({ code: "too_big", origin: "binary", maximum: maxBytes, inclusive: true, input: ctx.value, message: `Expected at most ${maxBytes} bytes` });
          } else if (minBytes !== undefined && size < minBytes) {
            ctx.issues.push({ code: "too_small", origin: "binary", minimum: minBytes, inclusive: true, input: ctx.value, message: `Expected at least ${minBytes} bytes` });
          }
        });
  const meta: { maxBytes?: number; minBytes?: number } = {};
  if (maxBytes !== undefined) meta.maxBytes = maxBytes;
  if (minBytes !== undefined) meta.minBytes = minBytes;
  return sized.transform(toUint8Array).meta({ [BINARY_META_KEY]: meta }) as BinarySchema;
}

/**
 * The options of a schema made by `binary()`, or `undefined` for any other schema. For tools that
 * render a contract (code generator, AsyncAPI).
 *
 * @example
 * binaryOptionsOf(binary({ maxBytes: 10 })); // { maxBytes: 10 }
 */
export function binaryOptionsOf(schema: unknown): BinaryOptions | undefined {
  if (typeof schema !== "object" || schema === null || !("_zod" in schema)) return undefined;
  const meta = z.globalRegistry.get(schema as z.ZodType) as Record<string, unknown> | undefined;
  const options = meta?.[BINARY_META_KEY];
  return typeof options === "object" && options !== null ? (options as BinaryOptions) : undefined;
}

function checkLimit(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new ContractDefinitionError("binary()", `${name} must be a non-negative whole number`);
  }
}

const hasBlob = typeof Blob === "function";

function isBinaryInput(value: unknown): value is BinaryInput {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    Object.prototype.toString.call(value) === "[object ArrayBuffer]" ||
    (hasBlob && value instanceof Blob)
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
