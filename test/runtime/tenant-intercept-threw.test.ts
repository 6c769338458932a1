import { bindClient } from "@socket-contract/client";
import { ContractError } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { client, connected, errorLog, sleep, startServer, until } from "../support/util.js";
import { tenants } from "../support/tenants-contract.js";

/** The first argument of an emitted or broadcast packet. */
const first = (packet: object): unknown => ("args" in packet ? (packet.args as unknown[])[0] : undefined);

async function setup() {
  const { io, url } = await startServer();
  const log = errorLog();
  const seen: string[] = [];
  const server = bindServer(tenants, io, {
    onError: log.onError,
    interceptors: [{ incoming: (call, next) => (seen.push(`server ${call.namespace} ${call.event}`), next()) }],
  });
  const orgs = server.of("/org/:orgId");
  orgs.intercept({ incoming: (call, next) => (seen.push(`pattern ${call.namespace} ${call.event}`), next()) });
  orgs.on("connection", (socket) => {
    socket.on("whoami", () => socket.params.orgId);
    socket.on("note", (text) => void seen.push(`note ${socket.params.orgId} ${text}`));
  });
  const org = async (orgId: string) => {
    const bound = bindClient(tenants, `/org/${orgId}`, client(url, `/org/${orgId}`));
    const notices: string[] = [];
    bound.on("notice", (text) => void notices.push(text));
    await connected(bound.socket);
    return { bound, notices };
  };
  return { server, orgs, org, seen, errors: log.errors };
}

// `server.of("/org/acme").intercept(...)` compiled, then threw a TypeError ("add interceptors to
// the pattern"), while the same child's `use` and `on("connection")` work for that tenant alone.
describe("a tenant's own interceptors (server.of(concretePath).intercept)", () => {
  it("run for that tenant's events only, after the server's and the pattern's, and apply to sockets already connected", async () => {
    const { server, org, seen, errors } = await setup();
    const acme = await org("acme");
    const other = await org("other");
    expect(await acme.bound.emit("whoami")).toBe("acme");
    seen.length = 0;
    server.of("/org/acme").intercept({
      incoming: (call, next) => {
        seen.push(`acme ${call.namespace} ${call.pattern} ${call.event}`);
        if (call.event === "whoami") throw new ContractError("FORBIDDEN");
        return next();
      },
    });
    await expect(acme.bound.emit("whoami")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await other.bound.emit("whoami")).toBe("other");
    acme.bound.emit("note", "hi");
    await until(() => seen.includes("note acme hi"));
    expect(seen).toEqual([
      "server /org/acme whoami",
      "pattern /org/acme whoami",
      "acme /org/acme /org/:orgId whoami",
      "server /org/other whoami",
      "pattern /org/other whoami",
      "server /org/acme note",
      "pattern /org/acme note",
      "acme /org/acme /org/:orgId note",
      "note acme hi",
    ]);
    expect(errors.map((e) => `${e.code} ${e.namespace} ${e.event}`)).toEqual(["FORBIDDEN /org/acme whoami"]);
  });

  it("see what the tenant's sockets and server.of(path) send, and its connection attempts; a later interceptor of the pattern reaches it too", async () => {
    const { server, orgs, org } = await setup();
    const outgoing: string[] = [];
    const attempts: string[] = [];
    const acmeNs = server.of("/org/acme");
    acmeNs.intercept({
      outgoing: (packet) =>
        void outgoing.push(`acme ${packet.kind} ${packet.namespace} ${packet.event} ${first(packet)}`),
      connection: (attempt) => void attempts.push(`acme ${attempt.namespace}`),
    });
    acmeNs.on("connection", (socket) => socket.emit("notice", "welcome"));
    const acme = await org("acme");
    await org("other");
    orgs.intercept({ outgoing: (packet) => void outgoing.push(`pattern ${packet.namespace} ${first(packet)}`) });
    acmeNs.emit("notice", "acme only");
    server.of("/org/other").emit("notice", "other only");
    await until(() => acme.notices.length === 2);
    await sleep(50);
    expect(acme.notices).toEqual(["welcome", "acme only"]);
    expect(attempts).toEqual(["acme /org/acme"]);
    expect(outgoing).toEqual([
      "acme emit /org/acme notice welcome",
      "pattern /org/acme acme only",
      "acme broadcast /org/acme notice acme only",
      "pattern /org/other other only",
    ]);
  });
});
