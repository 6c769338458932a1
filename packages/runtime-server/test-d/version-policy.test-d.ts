import { expectError, expectType } from "tsd";
import { Server } from "socket.io";
import { bindServer, type ContractIdentity, type VersionPolicy } from "@socket-contract/server";
import { contract } from "../../contract/test-d/chat-contract.js";

const io = new Server();

// versionPolicy: "accept", "reject", or a function of both identities (sync or async).
bindServer(contract, io, { versionPolicy: "accept" });
bindServer(contract, io, { versionPolicy: "reject" });
bindServer(contract, io, {
  versionPolicy: (client, server) => {
    expectType<ContractIdentity | undefined>(client);
    expectType<ContractIdentity>(server);
    return client?.version === server.version;
  },
});
bindServer(contract, io, { versionPolicy: async () => true });
expectError(bindServer(contract, io, { versionPolicy: "ignore" }));
const policy: VersionPolicy = "reject";
bindServer(contract, io, { versionPolicy: policy });
