import { describe, expect, it } from "vitest";
import { client, connected, next, startServer } from "./support/sockets.js";
import { bindDocCommentsClient } from "./fixtures/tenants/golden/doc-comments/client.js";
import { implement as implementDocComments } from "./fixtures/tenants/golden/doc-comments/server.js";
import { bindOrgClient } from "./fixtures/tenants/golden/org/client.js";
import { namespacePath } from "./fixtures/tenants/golden/org/path.js";
import { implement as implementOrg, namespaceFor } from "./fixtures/tenants/golden/org/server.js";
import { bindContractServer } from "./fixtures/tenants/golden/server.js";

// The generated wrappers of dynamic namespaces ("/org/:orgId"), against a real Socket.IO server and clients.

async function setup() {
  const { io, url } = await startServer();
  const server = bindContractServer(io);
  implementOrg(server, {
    "notice:post": (socket, text) => ({ text: `${socket.params.orgId}:${socket.auth.token}:${text}`, at: 1 }),
  });
  implementDocComments(server, { comment: (socket, text, line) => Number(socket.params.docId) + text.length + line });
  const connect = async (path: string) => {
    const socket = client(url, path, { auth: { token: "t" } });
    await connected(socket);
    return socket;
  };
  return { server, connect };
}

describe("generated wrappers of dynamic namespaces over real sockets", () => {
  it("one implement() serves every tenant, with socket.params parsed for each", async () => {
    const { connect } = await setup();
    const acme = bindOrgClient("/org/acme", await connect("/org/acme"));
    const other = bindOrgClient({ orgId: "other" }, await connect(namespacePath({ orgId: "other" })));
    await expect(acme.noticePost("hi")).resolves.toEqual({ text: "acme:t:hi", at: 1 });
    await expect(other.noticePost("yo")).resolves.toEqual({ text: "other:t:yo", at: 1 });
  });

  it("namespaceFor() broadcasts to one tenant, never to another", async () => {
    const { server, connect } = await setup();
    const acme = bindOrgClient({ orgId: "acme" }, await connect("/org/acme"));
    const other = bindOrgClient({ orgId: "other" }, await connect("/org/other"));
    const elsewhere: unknown[] = [];
    other.onNotice((notice) => void elsewhere.push(notice));
    const arrived = next<[unknown]>(acme.socket, "notice");
    namespaceFor(server, { orgId: "acme" }).emit("notice", { text: "maintenance", at: 2 });
    expect((await arrived)[0]).toEqual({ text: "maintenance", at: 2 });
    // A round trip on the other tenant after the broadcast: anything sent to it would have arrived first.
    await other.noticePost("ping");
    expect(elsewhere).toEqual([]);
  });

  it("a path whose params fail their schema is refused before any handler, with INVALID_PAYLOAD", async () => {
    const { connect } = await setup();
    await expect(connect("/org/NOT_VALID")).rejects.toMatchObject({ data: { code: "INVALID_PAYLOAD" } });
  });

  it("a pattern with several parameters takes them all, as a path or as params", async () => {
    const { connect } = await setup();
    const comments = bindDocCommentsClient({ docId: "40", thread: "main" }, await connect("/doc/40/comments/main"));
    await expect(comments.comment("ab", 1)).resolves.toBe(43);
  });

  it("namespacePath() refuses a value that would name another namespace", () => {
    expect(() => namespacePath({ orgId: "a/b" })).toThrow(
      '[socket-contract] the parameter orgId of /org/:orgId cannot be empty or hold "/"',
    );
    expect(() => namespacePath({ orgId: "" })).toThrow(TypeError);
  });
});
