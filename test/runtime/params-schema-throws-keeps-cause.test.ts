import { defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, errorLog, startServer } from "../support/util.js";

// A dynamic namespace's params schema that throws (a transform with a bug, a lookup that fails)
// refused the connection as it should, but onError got INVALID_PAYLOAD with no cause, so the
// server's own bug left no trace; an event's schema that throws already hands onError the error.
const contract = defineContract({
  name: "tenants",
  version: "1.0.0",
  namespaces: {
    "/org/:orgId": {
      params: z.object({
        orgId: z.string().transform((id) => {
          if (id === "broken") throw new Error("tenant table unreachable at db-7");
          return id;
        }),
      }),
      clientToServer: { whoami: { args: [], ack: z.string() } },
    },
  },
});

it("a params schema that throws refuses the connection with nothing internal, and onError gets what it threw", async () => {
  const { io, url } = await startServer();
  const log = errorLog();
  bindServer(contract, io, { onError: log.onError })
    .of("/org/:orgId")
    .on("connection", (socket) => {
      socket.on("whoami", () => socket.params.orgId);
    });
  const refused = await connected(client(url, "/org/broken")).catch((error: { data?: unknown }) => error);
  expect(refused).toMatchObject({ data: { code: "INVALID_PAYLOAD" } });
  expect(JSON.stringify(refused)).not.toContain("db-7");
  expect(log.errors).toMatchObject([{ code: "INVALID_PAYLOAD", namespace: "/org/broken" }]);
  expect((log.errors[0]!.cause as Error).message).toBe("tenant table unreachable at db-7");
});
