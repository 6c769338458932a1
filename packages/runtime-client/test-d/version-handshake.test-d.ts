import { expectType } from "tsd";
import { io } from "socket.io-client";
import { bindClient, connectErrorOf, type ContractIdentity, isContractMismatch } from "@socket-contract/client";
import { contract } from "../../contract/test-d/chat-contract.js";

const chat = bindClient(contract, "/chat", io("http://localhost:3000/chat"));

// The README's promise: a version refusal carries both identities as typed data.
chat.onError((error) => {
  if (isContractMismatch(error)) {
    expectType<"CONTRACT_MISMATCH">(error.code);
    expectType<ContractIdentity>(error.data.server);
    expectType<ContractIdentity | undefined>(error.data.client);
    expectType<string>(error.data.server.version);
  }
});
chat.socket.on("connect_error", (raw) => {
  const refused = connectErrorOf(raw);
  if (isContractMismatch(refused)) expectType<string>(refused.data.server.fingerprint);
});
