import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

/** One namespace with an ack-bearing event, an ack-less one, and a server-to-client broadcast. */
export const contract = defineContract({
  name: "intercepted",
  version: "1.0.0",
  namespaces: {
    "/ops": {
      data: z.object({ role: z.string().default("guest") }),
      clientToServer: {
        "user:ban": {
          args: [z.string()],
          ack: z.object({ banned: z.string() }),
          errors: { ALREADY_BANNED: z.object({ since: z.number() }) },
        },
        "user:note": { args: [z.string()] },
        broadcast: { args: [z.string()], ack: z.number() },
      },
      serverToClient: {
        notice: { args: [z.string()] },
        ping: { args: [], ack: z.literal("pong") },
      },
    },
  },
});
