// The generated wrappers of dynamic namespaces ("/org/:orgId") as a user sees them: a client bound by
// a concrete path or its params, socket.params typed by the params schema, one tenant's namespace.
import { expectError, expectType } from "tsd";
import { Server } from "socket.io";
import { io } from "socket.io-client";
import { type OrgClient, bindOrgClient } from "../test/fixtures/tenants/golden/org/client.js";
import { namespacePath } from "../test/fixtures/tenants/golden/org/path.js";
import { type OrgNamespace, implement, namespaceFor } from "../test/fixtures/tenants/golden/org/server.js";
import type { NamespacePath } from "../test/fixtures/tenants/golden/org/types.js";
import { bindContractServer } from "../test/fixtures/tenants/golden/server.js";

const socket = io("http://localhost:3000/org/acme");
expectType<OrgClient>(bindOrgClient("/org/acme", socket));
expectType<OrgClient>(bindOrgClient({ orgId: "acme" }, socket));
expectType<NamespacePath>(namespacePath({ orgId: "acme" }));
expectType<`/org/${string}`>(namespacePath({ orgId: "acme" }));
// A path of another namespace, or params that do not fit the pattern, do not compile.
expectError(bindOrgClient("/chat", socket));
expectError(bindOrgClient({ tenant: "acme" }, socket));
expectError(namespacePath({}));

const server = bindContractServer(new Server());
implement(server, {
  "notice:post": (socket, text) => {
    expectType<string>(socket.params.orgId);
    expectType<string>(text);
    return { text, at: 1 };
  },
});
expectType<OrgNamespace>(namespaceFor(server, "/org/acme"));
expectType<OrgNamespace>(namespaceFor(server, { orgId: "acme" }));
expectError(namespaceFor(server, "/admin"));
namespaceFor(server, { orgId: "acme" }).emit("notice", { text: "hi", at: 1 });
expectError(namespaceFor(server, { orgId: "acme" }).emit("notice", { text: 1, at: 1 }));
