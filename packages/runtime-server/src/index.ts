export { bindServer, BoundServer } from "./bind-server.js";
export { BoundBroadcast } from "./broadcast.js";
export { BoundNamespace, type ConnectionListener, type Middleware } from "./namespace.js";
export { BoundRemoteSocket } from "./remote-socket.js";
export { BoundSocket, type SocketLifecycleEvents } from "./socket.js";
export type {
  BindServerOptions,
  BroadcastResult,
  ErrorContext,
  ErrorHandler,
  RateLimitOptions,
  ServerInterceptor,
  VersionPolicy,
} from "./types.js";
export { ContractError, type ContractIdentity, type ContractMismatchData } from "@socket-contract/contract";
