import { expect, it } from "vitest";
import { contractFingerprint, defineContract, registerFingerprint } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { z } from "zod";
// The entry a bundler picks under the "browser" condition, which leaves the fingerprint's computation out until enabled.
import { bindClient, enableFingerprint } from "../../packages/runtime-client/src/browser.js";
import { client, connected, startServer } from "../support/util.js";

const define = (name: string) =>
  defineContract({
    name,
    version: "1.0.0",
    namespaces: { "/p": { clientToServer: { ping: { args: [], ack: z.literal("pong") } } } },
  });

// One test, in order: the computation is installed once per module graph (bindServer installs it too) and never removed.
it("a page binds a hand-written contract only after enableFingerprint(), a generated one by its filed fingerprint", async () => {
  const handWritten = define("hand-written");
  const offline = client("http://localhost:1", "/p", { autoConnect: false });
  expect(() => bindClient(handWritten, "/p", offline)).toThrow(
    new TypeError(
      '[socket-contract] contract "hand-written" has no fingerprint in this bundle: call enableFingerprint() from @socket-contract/client before bindClient (a generated bind...Client files its own)',
    ),
  );

  // What the generated bind...Client does: file the fingerprint the generator computed. The server
  // (Node) computes its own from the same contract and lets the client in.
  const generated = define("generated");
  const { io, url } = await startServer();
  bindServer(generated, io)
    .of("/p")
    .on("connection", (socket) => {
      socket.on("ping", () => "pong" as const);
    });
  registerFingerprint(generated, contractFingerprint(define("generated")));
  const bound = bindClient(generated, "/p", client(url, "/p"));
  await connected(bound.socket);
  await expect(bound.emit("ping")).resolves.toBe("pong");

  enableFingerprint();
  expect(
    bindClient(define("enabled"), "/p", client("http://localhost:1", "/p", { autoConnect: false })).namespace,
  ).toBe("/p");
});
