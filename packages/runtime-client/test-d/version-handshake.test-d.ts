import { expectError, expectType } from "tsd";
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
// The raw error of a connect_error listener (socket.io-client types its data as any): the identities are
// under data.data, typed, and nowhere else.
chat.socket.on("connect_error", (raw) => {
  if (isContractMismatch(raw)) {
    showBanner(raw.data.data.server.version);
    expectType<ContractIdentity>(raw.data.data.server);
    expectType<ContractIdentity | undefined>(raw.data.data.client);
    expectType<"CONTRACT_MISMATCH">(raw.data.code);
    expectType<string>(raw.data.message);
    expectError(raw.data.server);
  }
});
// An error typed only as Error may be either form: narrowed to both, so nothing is claimed that may not hold.
declare const either: Error;
if (isContractMismatch(either)) {
  expectType<"CONTRACT_MISMATCH">("code" in either ? either.code : either.data.code);
  expectError(either.data.server);
}
// What a catch clause holds is narrowed as a ContractError.
try {
  await chat.emit("message:send", { room: "a", text: "b" });
} catch (error) {
  if (isContractMismatch(error)) expectType<ContractIdentity>(error.data.server);
}
declare function showBanner(version: string): void;
