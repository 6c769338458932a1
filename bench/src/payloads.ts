import type { MessageValue, OrderValue } from "./contract.js";

/** The ~1 KB order of scenarios 1 and 2 (its JSON is between 950 and 1,100 bytes). */
export function makeOrder(index: number): OrderValue {
  return {
    orderId: `order-${index}`,
    customer: { id: `customer-${index % 97}`, name: "Ada Lovelace", email: "ada@example.org", vip: index % 5 === 0 },
    lines: Array.from({ length: 5 }, (_, line) => ({
      sku: `SKU-${1000 + line}`,
      title: `Analytical engine part number ${line}, brass, hand finished`,
      quantity: 1 + (line % 3),
      unitPrice: 12.5 * (line + 1),
      tags: ["brass", "gear", line % 2 === 0 ? "even" : "odd"],
    })),
    note: "Please leave the parcel with the neighbour if nobody answers the door. ".repeat(2),
    currency: "EUR",
    placedAt: 1_700_000_000_000 + index,
  };
}

/** The answer every variant gives to `order:place`. */
export function receiptOf(order: { orderId: string; lines: readonly { quantity: number; unitPrice: number }[] }): {
  orderId: string;
  total: number;
  accepted: boolean;
} {
  let total = 0;
  for (const line of order.lines) total += line.quantity * line.unitPrice;
  return { orderId: order.orderId, total, accepted: true };
}

/** The message of scenario 3. */
export function makeMessage(seq: number): MessageValue {
  return {
    seq,
    id: `m-${seq}`,
    room: "bench",
    author: "server",
    text: "A message for everyone in the room, about a hundred characters long, give or take a few.",
    at: 1_700_000_000_000 + seq,
  };
}

export const UPLOAD_BYTES = 256 * 1024;
