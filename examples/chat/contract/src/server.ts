// What the server imports: the generated binding and `implement`, without the client wrapper.
export { bindContractServer, type ContractServer } from "./generated/server.js";
export { type ChatHandlers, type ChatNamespace, type ChatSocket, implement } from "./generated/chat/server.js";
