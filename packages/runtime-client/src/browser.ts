/**
 * The browser entry (export condition "browser"): the same API as the Node entry, without Zod's
 * compiler. Schemas parse with Zod's ordinary parser, unless the generated parsers a client runs
 * are attached to them (`attachParsers`; the generated `bind...Client` does), compiled speed with
 * neither the compiler nor `new Function`; registering parsers (`registerParsers`) brings the
 * compiler with them. And
 * without the stream code, until `enableStreams()` (the generated `bind...Client` of a contract
 * that streams calls it), so a page whose contract does not stream does not carry it.
 */
export { bindClient, BoundClient } from "./bind-client.js";
export { type ContractMismatchError, connectErrorOf, isContractMismatch } from "./errors.js";
export { enableInterceptors } from "./interceptors.js";
export { enableStandardSchema } from "./standard-schema.js";
export { enableStreams } from "./streams.js";
export type { BindClientOptions, ClientErrorHandler, ClientInterceptor } from "./types.js";
export { ContractError, type ContractIdentity, type ContractMismatchData } from "@socket-contract/contract";
