import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

/** One dynamic namespace per organisation, with an acked event, an ack-less one and a notice: the tenant tests' contract. */
export const tenants = defineContract({
  name: "tenants",
  version: "1.0.0",
  namespaces: {
    "/org/:orgId": {
      params: z.object({ orgId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
      clientToServer: {
        whoami: { args: [], ack: z.string() },
        note: { args: [z.string()] },
      },
      serverToClient: { notice: { args: [z.string()] } },
    },
  },
});
