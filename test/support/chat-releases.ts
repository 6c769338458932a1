import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

const clientToServer = { "message:send": { args: [z.string()], ack: z.object({ id: z.string() }) } };
const notice = { args: [z.string()] };

/** A chat contract's release 1.0.0, as an old client still runs it. */
export const chatV1 = defineContract({
  name: "chat",
  version: "1.0.0",
  namespaces: { "/chat": { clientToServer, serverToClient: { notice } } },
});

/**
 * Release 1.1.0, an additive change that breaks nobody (docs/evolving.md): a new event each way,
 * `typing` from clients and `reaction` and `poll` from the server, which 1.0.0 does not know.
 */
export const chatV1_1 = defineContract({
  name: "chat",
  version: "1.1.0",
  namespaces: {
    "/chat": {
      clientToServer: { ...clientToServer, typing: { args: [z.boolean()] } },
      serverToClient: { notice, reaction: { args: [z.object({ emoji: z.string() })] }, poll: { args: [z.string()] } },
    },
  },
});
