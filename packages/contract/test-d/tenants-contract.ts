// A contract with dynamic namespaces, shared by the server and client type tests.
import { z } from "zod";
import { defineContract } from "@socket-contract/contract";

export const tenants = defineContract({
  name: "tenants",
  version: "1.0.0",
  namespaces: {
    "/chat": {},
    "/org/:orgId": {
      params: z.object({ orgId: z.string().transform((id) => id.length) }),
      clientToServer: { whoami: { args: [], ack: z.string() } },
      serverToClient: { notice: { args: [z.string()] } },
    },
    "/doc/:docId/page/:page": { serverToClient: { notice: { args: [z.string()] } } },
  },
});
export type Tenants = typeof tenants;
