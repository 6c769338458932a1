// Dynamic namespaces on the server as a user of the built package sees them.
import { expectError, expectType } from "tsd";
import { Server } from "socket.io";
import { bindServer, type BoundNamespace } from "@socket-contract/server";
import { tenants, type Tenants } from "../../contract/test-d/tenants-contract.js";

const server = bindServer(tenants, new Server());
expectType<BoundNamespace<Tenants, "/org/:orgId">>(server.of("/org/:orgId"));
expectType<BoundNamespace<Tenants, "/org/:orgId">>(server.of("/org/acme"));
declare const orgId: string;
expectType<BoundNamespace<Tenants, "/org/:orgId">>(server.of(`/org/${orgId}`));
expectType<BoundNamespace<Tenants, "/doc/:docId/page/:page">>(server.of("/doc/1/page/2"));
expectError(server.of("/org"));
expectError(server.of("/nowhere"));
expectError(server.of("/org/acme").emit("nope", "x"));
server.of("/org/acme").emit("notice", "maintenance at noon");
server.of("/org/:orgId").on("connection", (socket) => {
  expectType<number>(socket.params.orgId);
});
// The README's one-liner: a connection listener may return what its last call returns (here the
// handler's remover); only a thrown error or a rejected promise means something to the runtime.
server.of("/org/:orgId").on("connection", (socket) => socket.on("whoami", () => String(socket.params.orgId)));
server.of("/org/:orgId").on("connection", (socket) => socket.join("all"));
server.of("/doc/:docId/page/:page").on("connection", (socket) => {
  expectType<{ readonly docId: string; readonly page: string }>(socket.params);
});
server.of("/chat").on("connection", (socket) => {
  expectType<{}>(socket.params);
});

// One tenant's interceptors: typed by the pattern's events, with the tenant's bound sockets.
server.of("/org/acme").intercept({
  incoming: (call, next) => {
    expectType<"whoami">(call.event);
    expectType<number>(call.socket.params.orgId);
    return next();
  },
});
expectError(server.of("/org/acme").intercept({ incoming: (call: { event: "nope" }) => call }));

// A fetched socket tells its tenant: the concrete path and the parsed params, as a bound socket does.
void server
  .of("/org/:orgId")
  .fetchSockets()
  .then(([remote]) => {
    expectType<string>(remote!.namespace);
    expectType<number>(remote!.params.orgId);
  });
void server
  .of("/chat")
  .fetchSockets()
  .then(([remote]) => expectType<{}>(remote!.params));
