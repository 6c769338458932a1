import { defineContract } from "@socket-contract/contract";
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";

// The payloads of scenarios 1 and 6 written with Valibot and with ArkType, constraint for
// constraint as bench/src/contract.ts and example-contract.ts write them with Zod, so that each
// library validates the same values with the same rules. Valibot's schemas are wrapped in
// `toStandardJsonSchema()`, as the README tells users to (issue paths keep their declared keys).

const str = (min: number, max: number) => v.pipe(v.string(), v.minLength(min), v.maxLength(max));

const valibotOrderLine = v.object({
  sku: str(1, 64),
  title: str(1, 200),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
  unitPrice: v.pipe(v.number(), v.minValue(0)),
  tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(10)),
});

const valibot = {
  Order: toStandardJsonSchema(
    v.object({
      orderId: v.pipe(v.string(), v.minLength(1)),
      customer: v.object({
        id: v.string(),
        name: v.pipe(v.string(), v.maxLength(120)),
        email: v.pipe(v.string(), v.maxLength(200)),
        vip: v.boolean(),
      }),
      lines: v.pipe(v.array(valibotOrderLine), v.minLength(1), v.maxLength(50)),
      note: v.pipe(v.string(), v.maxLength(2000)),
      currency: v.picklist(["EUR", "USD", "GBP"]),
      placedAt: v.number(),
    }),
  ),
  Receipt: toStandardJsonSchema(v.object({ orderId: v.string(), total: v.number(), accepted: v.boolean() })),
  MessageSend: toStandardJsonSchema(v.object({ room: v.string(), text: str(1, 2000) })),
  Message: toStandardJsonSchema(v.object({ id: v.string(), room: v.string(), text: v.string(), at: v.number() })),
  String: toStandardJsonSchema(v.string()),
  Boolean: toStandardJsonSchema(v.boolean()),
  Count: toStandardJsonSchema(v.pipe(v.number(), v.integer())),
};

const arktypeOrderLine = type({
  sku: "1 <= string <= 64",
  title: "1 <= string <= 200",
  quantity: "number.integer > 0",
  unitPrice: "number >= 0",
  tags: type("string <= 32").array().atMostLength(10),
});

const arktype = {
  Order: type({
    orderId: "string >= 1",
    customer: { id: "string", name: "string <= 120", email: "string <= 200", vip: "boolean" },
    lines: arktypeOrderLine.array().atLeastLength(1).atMostLength(50),
    note: "string <= 2000",
    currency: "'EUR' | 'USD' | 'GBP'",
    placedAt: "number",
  }),
  Receipt: type({ orderId: "string", total: "number", accepted: "boolean" }),
  MessageSend: type({ room: "string", text: "1 <= string <= 2000" }),
  Message: type({ id: "string", room: "string", text: "string", at: "number" }),
  String: type("string"),
  Boolean: type("boolean"),
  Count: type("number.integer"),
};

/** Scenario 6's events of the example contract (all but the binary upload), in Valibot. */
export const valibotExample = defineContract({
  name: "chat",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      clientToServer: {
        "message:send": { args: [valibot.MessageSend], ack: valibot.Message },
        typing: { args: [valibot.String, valibot.Boolean] },
        "order:place": { args: [valibot.Order], ack: valibot.Receipt },
      },
      serverToClient: { message: { args: [valibot.Message] } },
    },
  },
});

/** The same in ArkType. */
export const arktypeExample = defineContract({
  name: "chat",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      clientToServer: {
        "message:send": { args: [arktype.MessageSend], ack: arktype.Message },
        typing: { args: [arktype.String, arktype.Boolean] },
        "order:place": { args: [arktype.Order], ack: arktype.Receipt },
      },
      serverToClient: { message: { args: [arktype.Message] } },
    },
  },
});

/** Scenario 1's acked event in Valibot and in ArkType, each on a namespace named for its library. */
export const libraryBench = defineContract({
  name: "bench-libraries",
  version: "1.0.0",
  namespaces: {
    "/valibot": {
      clientToServer: {
        "order:place": { args: [valibot.Order], ack: valibot.Receipt },
        "bench:sync": { args: [], ack: valibot.Count },
      },
    },
    "/arktype": {
      clientToServer: {
        "order:place": { args: [arktype.Order], ack: arktype.Receipt },
        "bench:sync": { args: [], ack: arktype.Count },
      },
    },
  },
});
