export { bindClient, BoundClient } from "./bind-client.js";
export { type ContractMismatchError, connectErrorOf, isContractMismatch } from "./errors.js";
export type { BindClientOptions, ClientErrorHandler } from "./types.js";
export { ContractError, type ContractIdentity, type ContractMismatchData } from "@socket-contract/contract";
