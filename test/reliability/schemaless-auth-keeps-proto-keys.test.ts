import { bindClient } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer } from "../support/util.js";

/** A namespace with no `auth` schema: handlers get what the client sent. */
const contract = defineContract({
  name: "open-auth",
  version: "1.0.0",
  namespaces: {
    "/open": {
      clientToServer: {
        whoami: {
          args: [],
          ack: z.object({
            token: z.unknown(),
            keep: z.unknown(),
            ownKeys: z.array(z.string()),
            nestedOwnKeys: z.array(z.string()),
            mergedIsPlain: z.boolean(),
            nestedMergedIsPlain: z.boolean(),
            inheritedAdmin: z.unknown(),
          }),
        },
      },
    },
  },
});

it("a namespace without an auth schema gives handlers the client's auth without prototype-poisoning keys, at any depth", async () => {
  const { io, url } = await startServer();
  bindServer(contract, io)
    .of("/open")
    .on("connection", (socket) => {
      socket.on("whoami", () => {
        const auth = socket.auth as Record<string, any>;
        // What a handler typically does with settings it received: copy them over defaults.
        const merged = Object.assign({}, auth);
        const nestedMerged = Object.assign({}, auth.nested);
        return {
          token: auth.token,
          keep: auth.nested?.keep,
          ownKeys: Object.keys(auth).sort(),
          nestedOwnKeys: Object.keys(auth.nested ?? {}).sort(),
          mergedIsPlain: Object.getPrototypeOf(merged) === Object.prototype,
          nestedMergedIsPlain: Object.getPrototypeOf(nestedMerged) === Object.prototype,
          inheritedAdmin: (merged as { isAdmin?: unknown }).isAdmin ?? null,
        };
      });
    });
  // JSON.parse makes `__proto__` an own key, which socket.io-client sends and the server's JSON.parse keeps.
  const auth = JSON.parse(
    '{"token":"t","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},' +
      '"nested":{"keep":1,"__proto__":{"isAdmin":true},"list":[{"__proto__":{"isAdmin":true}}]}}',
  );
  const open = bindClient(contract, "/open", client(url, "/open", { auth }));
  await connected(open.socket);
  expect(await open.emit("whoami")).toEqual({
    token: "t",
    keep: 1,
    ownKeys: ["nested", "token"],
    nestedOwnKeys: ["keep", "list"],
    mergedIsPlain: true,
    nestedMergedIsPlain: true,
    inheritedAdmin: null,
  });
  expect((Object.prototype as { isAdmin?: unknown }).isAdmin).toBeUndefined();
});
