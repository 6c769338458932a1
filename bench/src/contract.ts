import { binary, defineContract } from "@socket-contract/contract";
import { z } from "zod";

/** A line of an order: the bulk of the ~1 KB payload of scenarios 1 and 2. */
export const OrderLine = z.object({
  sku: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  quantity: z.number().int().positive(),
  unitPrice: z.number().nonnegative(),
  tags: z.array(z.string().max(32)).max(10),
});

/** The ~1 KB object sent by scenarios 1 and 2: nested objects, an array, strings with limits, numbers. */
export const Order = z.object({
  orderId: z.string().min(1),
  customer: z.object({ id: z.string(), name: z.string().max(120), email: z.string().max(200), vip: z.boolean() }),
  lines: z.array(OrderLine).min(1).max(50),
  note: z.string().max(2000),
  currency: z.enum(["EUR", "USD", "GBP"]),
  placedAt: z.number(),
});

export const Receipt = z.object({ orderId: z.string(), total: z.number(), accepted: z.boolean() });

/** What scenario 3 broadcasts; `seq` tells the clients which broadcast arrived. */
export const Message = z.object({
  seq: z.number().int(),
  id: z.string(),
  room: z.string(),
  author: z.string(),
  text: z.string().max(2000),
  at: z.number(),
});

export const Upload = z.object({ name: z.string(), bytes: binary({ maxBytes: 1_000_000 }) });

/**
 * The contract every socket-contract variant of the benchmark runs on. The plain and hand-written
 * variants serve the same events, with the same payloads, on namespaces outside the contract.
 */
export const benchContract = defineContract({
  name: "bench",
  version: "1.0.0",
  namespaces: {
    "/bound": {
      clientToServer: {
        "order:place": { args: [Order], ack: Receipt },
        "order:track": { args: [Order] },
        "file:upload": { args: [Upload], ack: z.object({ size: z.number().int() }) },
        "bench:sync": { args: [], ack: z.number().int() },
      },
      serverToClient: {
        message: { args: [Message] },
      },
    },
  },
});

export type OrderValue = z.input<typeof Order>;
export type MessageValue = z.input<typeof Message>;
