// bindClient on a concrete path of a dynamic namespace, as a user of the built package sees it.
import { expectError, expectType } from "tsd";
import { io } from "socket.io-client";
import { bindClient, type BoundClient } from "@socket-contract/client";
import { tenants, type Tenants } from "../../contract/test-d/tenants-contract.js";

const acme = bindClient(tenants, "/org/acme", io("http://localhost:3000/org/acme"));
expectType<BoundClient<Tenants, "/org/:orgId">>(acme);
expectType<Promise<string>>(acme.emit("whoami"));
declare const orgId: string;
expectType<BoundClient<Tenants, "/org/:orgId">>(bindClient(tenants, `/org/${orgId}`, io("http://localhost:3000")));
expectError(bindClient(tenants, "/org", io("http://localhost:3000/org")));
expectError(bindClient(tenants, "/org/acme/x", io("http://localhost:3000/org/acme/x")));
expectError(acme.emit("nope"));
