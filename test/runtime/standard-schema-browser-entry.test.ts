import { expect, it } from "vitest";
import { defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import * as v from "valibot";
import { z } from "zod";
// The entry a bundler picks under the "browser" condition, which leaves the Standard Schema code out until enabled.
import { bindClient, enableStandardSchema } from "../../packages/runtime-client/src/browser.js";
import { client, connected, startServer } from "../support/util.js";

const valibot = defineContract({
  name: "valibot",
  version: "1.0.0",
  namespaces: {
    "/v": {
      clientToServer: { "room:join": { args: [v.object({ room: v.string() })], ack: v.object({ id: v.string() }) } },
    },
  },
});
const zod = defineContract({
  name: "zod",
  version: "1.0.0",
  namespaces: { "/z": { clientToServer: { ping: { args: [], ack: z.literal("pong") } } } },
});

// One test, in order: the support is installed once per module graph (bindServer installs it too) and never removed.
it("a page binds a Valibot contract only after enableStandardSchema(), and then validates through it over a real server", async () => {
  // Hand-written contracts: the handshake needs their fingerprints computed.
  expect(() => bindClient(valibot, "/v", client("http://localhost:1", "/v", { autoConnect: false }))).toThrow(
    new TypeError(
      "[socket-contract] a schema of this contract is not Zod's (Valibot, ArkType, ...), and this bundle has no Standard Schema support: call enableStandardSchema() from @socket-contract/client before bindClient",
    ),
  );
  // A contract that is all Zod needs nothing.
  expect(bindClient(zod, "/z", client("http://localhost:1", "/z", { autoConnect: false })).namespace).toBe("/z");

  enableStandardSchema();
  const { io, url } = await startServer();
  bindServer(valibot, io)
    .of("/v")
    .on("connection", (socket) => {
      socket.on("room:join", ({ room }) => ({ id: `${room}-1`, extra: "dropped" }) as { id: string });
    });
  const rooms = bindClient(valibot, "/v", client(url, "/v"));
  await connected(rooms.socket);
  await expect(rooms.emit("room:join", { room: "lobby" })).resolves.toEqual({ id: "lobby-1" });
  await expect(rooms.emit("room:join", { room: 42 } as never)).rejects.toMatchObject({
    code: "INVALID_PAYLOAD",
    // A Valibot schema without Standard JSON Schema cannot say which keys it declares: "*" stands for them.
    issues: [{ path: [0, "*"], code: "string" }],
  });
});
