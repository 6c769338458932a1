import { expect, it } from "vitest";
import { contractFingerprint, defineContract, registerFingerprint } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { z } from "zod";
// The entry a bundler picks under the "browser" condition.
import { BoundClient, bindClient } from "../../packages/runtime-client/src/browser.js";
import { client, connected, startServer } from "../support/util.js";

const define = (name: string) =>
  defineContract({
    name,
    version: "1.0.0",
    namespaces: { "/p": { clientToServer: { ping: { args: [], ack: z.literal("pong") } } } },
  });

it("a page binds a hand-written contract as it is, and a generated one by the fingerprint the generator filed, without computing one", async () => {
  const serve = async (contract: ReturnType<typeof define>) => {
    const { io, url } = await startServer();
    bindServer(contract, io)
      .of("/p")
      .on("connection", (socket) => {
        socket.on("ping", () => "pong" as const);
      });
    return url;
  };
  const handWritten = define("hand-written");
  const generated = define("generated");
  // A hand-written contract: the page computes its fingerprint from the schemas, as the server does.
  const page = bindClient(handWritten, "/p", client(await serve(handWritten), "/p"));
  await connected(page.socket);
  await expect(page.emit("ping")).resolves.toBe("pong");

  // What the generated bind...Client does: file the fingerprint the generator computed, and construct
  // the client itself, so a page of generated clients carries no code that computes one.
  registerFingerprint(generated, contractFingerprint(define("generated")));
  const filed = new BoundClient(generated, "/p", client(await serve(generated), "/p"), {});
  await connected(filed.socket);
  await expect(filed.emit("ping")).resolves.toBe("pong");

  // Constructed directly with no fingerprint filed, nothing would say which contract it speaks.
  const unfiled = define("unfiled");
  const socket = client(await serve(unfiled), "/p");
  expect(() => new BoundClient(unfiled, "/p", socket, {})).toThrow(
    new TypeError("[socket-contract] no fingerprint filed: use bindClient"),
  );
});
