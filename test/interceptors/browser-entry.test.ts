import { expect, it } from "vitest";
import type { ClientInterceptor } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
// The entry a bundler picks under the "browser" condition, which leaves the interceptor code out until enabled.
import { bindClient, enableInterceptors } from "../../packages/runtime-client/src/browser.js";
import { client, connected, startServer } from "../support/util.js";
import { contract } from "./support.js";

// One test, in order: the interceptor support is installed once per module graph and never removed.
it("a page binds a client with interceptors only after enableInterceptors(), and then they run over a real server", async () => {
  const seen: string[] = [];
  const logging: ClientInterceptor<typeof contract, "/ops"> = {
    outgoing(packet) {
      seen.push(`out ${packet.event}`);
    },
    incoming(call, next) {
      seen.push(`in ${call.event}`);
      return next();
    },
  };
  // A hand-written contract: the handshake needs its fingerprint computed (see fingerprint-browser-entry.test.ts).
  const offline = client("http://localhost:1", "/ops", { autoConnect: false });
  expect(() => bindClient(contract, "/ops", offline, { interceptors: [logging] })).toThrow(
    new TypeError(
      "[socket-contract] bindClient options.interceptors: interceptors are not enabled in this bundle: call enableInterceptors() from @socket-contract/client before bindClient",
    ),
  );
  // Without interceptors a client needs nothing, and an empty list is none.
  expect(bindClient(contract, "/ops", offline, { interceptors: [] }).namespace).toBe("/ops");

  enableInterceptors();
  const { io, url } = await startServer();
  bindServer(contract, io)
    .of("/ops")
    .on("connection", (socket) => {
      socket.on("user:ban", (name) => {
        socket.emit("notice", `banned ${name}`);
        return { banned: name };
      });
    });
  const ops = bindClient(contract, "/ops", client(url, "/ops"), { interceptors: [logging] });
  const notices: string[] = [];
  ops.on("notice", (text) => void notices.push(text));
  await connected(ops.socket);
  await expect(ops.emit("user:ban", "mallory")).resolves.toEqual({ banned: "mallory" });
  await expect.poll(() => notices).toEqual(["banned mallory"]);
  expect(seen).toEqual(["out user:ban", "in notice"]);
});
