import { defineContract } from "@socket-contract/contract";
import { z } from "zod";
import { benchContract } from "./contract.js";

/**
 * Scenario 12's contract: the events of scenario 5's namespace under a dynamic key, one child
 * namespace per tenant (`/org/t42`), with the params schema a multi-tenant app would declare.
 */
export const tenantsContract = defineContract({
  name: "bench-tenants",
  version: "1.0.0",
  namespaces: {
    "/org/:orgId": {
      params: z.object({ orgId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
      ...benchContract.namespaces["/bound"],
    },
  },
});
