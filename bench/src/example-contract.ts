import { binary, defineContract } from "@socket-contract/contract";
import { z } from "zod";
import { Order, Receipt } from "./contract.js";
import { makeOrder } from "./payloads.js";

// The example contract of the design (DESIGN.md, "The contract"), plus the benchmark's ~1 KB order,
// for scenario 6: validation alone, on the payloads a chat sends.

export const Message = z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() });

export const exampleContract = defineContract({
  name: "chat",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      auth: z.object({ token: z.string().min(1) }),
      data: z.object({ userId: z.string() }),
      clientToServer: {
        "message:send": {
          description: "Post a message to a room.",
          args: [z.object({ room: z.string(), text: z.string().min(1).max(2000) })],
          ack: Message,
          errors: { ROOM_FULL: z.object({ capacity: z.number().int() }) },
        },
        "avatar:upload": {
          args: [z.object({ name: z.string(), bytes: binary({ maxBytes: 2_000_000 }) })],
          ack: z.object({ url: z.string() }),
        },
        typing: { args: [z.string(), z.boolean()] },
        "order:place": { args: [Order], ack: Receipt },
      },
      serverToClient: {
        message: { args: [Message] },
        ping: { args: [], ack: z.literal("pong") },
      },
    },
  },
});

/** One payload of scenario 6: an event of the example contract and the arguments it carries. */
export interface ExamplePayload {
  readonly label: string;
  readonly direction: "clientToServer" | "serverToClient";
  readonly event: string;
  readonly args: readonly unknown[];
}

export const examplePayloads: readonly ExamplePayload[] = [
  {
    label: "message:send { room, text }",
    direction: "clientToServer",
    event: "message:send",
    args: [{ room: "lobby", text: "Hello everyone, the meeting moved to three o'clock." }],
  },
  {
    label: "message (Message)",
    direction: "serverToClient",
    event: "message",
    args: [
      {
        id: "m-1042",
        room: "lobby",
        text: "Hello everyone, the meeting moved to three o'clock.",
        at: 1_700_000_000_000,
      },
    ],
  },
  { label: "typing (string, boolean)", direction: "clientToServer", event: "typing", args: ["lobby", true] },
  {
    label: "avatar:upload { name, 64 KiB bytes }",
    direction: "clientToServer",
    event: "avatar:upload",
    args: [{ name: "me.png", bytes: Buffer.alloc(64 * 1024, 1) }],
  },
  { label: "order:place (~1 KB order)", direction: "clientToServer", event: "order:place", args: [makeOrder(7)] },
  {
    label: "message:send, invalid (empty text)",
    direction: "clientToServer",
    event: "message:send",
    args: [{ room: "lobby", text: "" }],
  },
];
