export { bindClient, BoundClient } from "./bind-client.js";
export { connectErrorOf } from "./errors.js";
export type { BindClientOptions, ClientErrorHandler } from "./types.js";
export { ContractError } from "@socket-contract/contract";
