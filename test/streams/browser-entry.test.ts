import { expect, it } from "vitest";
import { z } from "zod";
// The entry a bundler picks under the "browser" condition, which leaves the stream code out until enabled.
import { bindClient, enableStreams } from "../../packages/runtime-client/src/browser.js";
import { defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, startServer } from "../support/util.js";

const plain = defineContract({
  name: "plain",
  version: "1.0.0",
  namespaces: { "/p": { clientToServer: { ping: { args: [], ack: z.literal("pong") } } } },
});

// One test, in order: the stream machinery is installed once per module graph and never removed.
it("a page binds a contract that streams only after enableStreams(), and then streams over a real server", async () => {
  // Hand-written contracts: the handshake needs their fingerprints computed (see fingerprint-browser-entry.test.ts).
  const socket = client("http://localhost:1", "/s", { autoConnect: false });
  expect(() => bindClient(streamContract, "/s", socket)).toThrow(
    new TypeError(
      '[socket-contract] "/s" has events that stream: call enableStreams() from @socket-contract/client before bindClient',
    ),
  );
  // A contract without stream events needs nothing.
  expect(bindClient(plain, "/p", client("http://localhost:1", "/p", { autoConnect: false })).namespace).toBe("/p");

  enableStreams();
  const { io, url } = await startServer();
  bindServer(streamContract, io)
    .of("/s")
    .on("connection", (server) => {
      server.on("count", async function* ({ n }) {
        for (let i = 0; i < n; i++) yield { i };
        return { total: n };
      });
    });
  const chat = bindClient(streamContract, "/s", client(url, "/s"));
  await connected(chat.socket);
  const stream = chat.stream("count", { n: 3 });
  const items: unknown[] = [];
  for await (const item of stream) items.push(item);
  expect(items).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  await expect(stream.ack).resolves.toEqual({ total: 3 });
});
