// A contract with streams both ways, for the stream type tests of all three packages.
import { z } from "zod";
import { binary, defineContract, streamOf } from "@socket-contract/contract";

export const Row = z.object({ id: z.string(), at: z.coerce.number() });

export const streamContract = defineContract({
  name: "streams",
  version: "1.0.0",
  namespaces: {
    "/s": {
      clientToServer: {
        search: {
          args: [z.string()],
          stream: Row,
          ack: z.object({ total: z.number() }),
          errors: { TOO_BROAD: z.object({ limit: z.number() }) },
        },
        upload: {
          args: [z.object({ name: z.string() }), streamOf(binary({ maxBytes: 65_536 }))],
          ack: z.object({ bytes: z.number() }),
        },
        plain: { args: [z.string()], ack: z.number() },
      },
      serverToClient: {
        progress: { args: [z.number()], stream: z.object({ pct: z.number() }), ack: z.literal("done") },
        notice: { args: [z.string()] },
      },
    },
  },
});
export type StreamContract = typeof streamContract;
