import { z } from "zod";
import { binary } from "../../src/index.js";

/**
 * Schemas whose compiled parsing must match `safeParse` exactly: the example contract's payloads
 * (DESIGN.md), the benchmark's ~1 KB order, and the shapes contracts commonly use, including the
 * ones Zod's compiler runs partly on its ordinary parser (transforms, refinements, custom checks).
 */
export function makeParitySchemas() {
  const Message = z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() });
  return {
    "message:send args": z.object({ room: z.string(), text: z.string().min(1).max(2000) }),
    Message,
    "ROOM_FULL data": z.object({ capacity: z.number().int() }),
    "avatar:upload args": z.object({ name: z.string(), bytes: binary({ maxBytes: 8 }) }),
    "typing args[0]": z.string(),
    "typing args[1]": z.boolean(),
    "ping ack": z.literal("pong"),
    auth: z.object({ token: z.string().min(1) }),
    order: z.object({
      orderId: z.string().min(1),
      customer: z.object({ id: z.string(), name: z.string().max(12), vip: z.boolean() }),
      lines: z
        .array(
          z.object({
            sku: z.string().min(1).max(6),
            quantity: z.number().int().positive(),
            unitPrice: z.number().nonnegative(),
            tags: z.array(z.string().max(3)).max(3),
          }),
        )
        .min(1)
        .max(3),
      currency: z.enum(["EUR", "USD", "GBP"]),
    }),
    "optional, nullable, default": z.object({
      a: z.string().optional(),
      b: z.number().nullable(),
      c: z.boolean().default(false),
      d: z.array(z.string()).optional(),
    }),
    "strict object": z.strictObject({ id: z.string(), n: z.number().min(0).max(10) }),
    "loose object": z.looseObject({ id: z.string() }),
    "discriminated union": z.discriminatedUnion("type", [
      z.object({ type: z.literal("text"), text: z.string() }),
      z.object({ type: z.literal("count"), count: z.number().int() }),
    ]),
    union: z.union([z.string().max(3), z.number().int(), z.object({ id: z.string() })]),
    record: z.record(z.string(), z.number().int()),
    tuple: z.tuple([z.string(), z.number()]),
    "string formats": z.object({
      email: z.email().optional(),
      id: z.uuid().optional(),
      code: z.string().regex(/^[A-Z]{2}\d?$/),
    }),
    transform: z.object({ word: z.string().transform((value) => value.length), n: z.number() }),
    refinement: z.object({ even: z.number().refine((n) => n % 2 === 0, "must be even"), text: z.string() }),
    "nested arrays": z.array(z.array(z.number().int()).max(2)).max(3),
    "enum and literal union": z.union([z.enum(["a", "b"]), z.literal(3), z.null()]),
  };
}

/**
 * One set of them. A schema's compiled functions are made once and kept with it, whoever compiled
 * it: a test that must see them compiled another way (from registered parsers alone) makes its own
 * set with `makeParitySchemas()`.
 */
export const paritySchemas = makeParitySchemas();
