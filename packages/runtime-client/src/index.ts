import type { Contract, InferNamespacePattern } from "@socket-contract/contract";
import { compileSchema, installCompiler, installStreams } from "@socket-contract/contract/internal";
import type { Socket } from "socket.io-client";
import { ackDeadlinesOf } from "./ack-deadlines.js";
import { type BoundClient, type ConcretePath, bindClient as bindWithoutCompiler } from "./bind-client.js";
import { enableInterceptors } from "./interceptors.js";
import { installAckDeadlines } from "./offline-gate.js";
import { enableStandardSchema } from "./standard-schema.js";
import type { BindClientOptions, ClientInterceptor } from "./types.js";

export { BoundClient } from "./bind-client.js";
export { type ContractMismatchError, connectErrorOf, isContractMismatch } from "./errors.js";
export { enableInterceptors } from "./interceptors.js";
export { enableStandardSchema } from "./standard-schema.js";
export { enableStreams } from "./streams.js";
export type { BindClientOptions, ClientErrorHandler, ClientInterceptor } from "./types.js";
export { ContractError, type ContractIdentity, type ContractMismatchData } from "@socket-contract/contract";

/**
 * Binds a contract's namespace to a socket.io-client socket connected to that namespace. In Node
 * (this entry) schemas are compiled with Zod's compiler and acks time out on one timer per socket;
 * a browser bundle gets the entry without either (see `browser.ts`).
 *
 * @example
 * const chat = bindClient(contract, "/chat", io("http://localhost:3000/chat", { auth: { token } }));
 * const message = await chat.emit("message:send", { room: "lobby", text: "hi" });
 * chat.on("message", (m) => render(m));
 * chat.on("ping", () => "pong" as const);
 */
export function bindClient<TContract extends Contract, const TPath extends string>(
  contract: TContract,
  path: TPath & ConcretePath<TContract, TPath>,
  socket: Socket,
  options: BindClientOptions<ClientInterceptor<TContract, InferNamespacePattern<TContract, TPath>>> = {},
): BoundClient<TContract, InferNamespacePattern<TContract, TPath>> {
  installCompiler(compileSchema);
  installStreams();
  enableInterceptors();
  enableStandardSchema();
  installAckDeadlines(ackDeadlinesOf);
  return bindWithoutCompiler(contract, path, socket, options);
}
