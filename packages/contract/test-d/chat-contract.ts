// The contract of DESIGN.md, verbatim: the type tests of all three packages check what its users see.
import { z } from "zod";
import { binary, defineContract } from "@socket-contract/contract";

export const Message = z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() });
export type Message = z.output<typeof Message>;

export const contract = defineContract({
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
      },
      serverToClient: {
        message: { args: [Message] },
        ping: { args: [], ack: z.literal("pong") },
      },
    },
  },
  serverToServer: { "cache:invalidate": { args: [z.string()] } },
});

export type ChatContract = typeof contract;
