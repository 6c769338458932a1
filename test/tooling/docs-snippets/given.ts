// What the documents' TypeScript blocks use without declaring it, as each is read: the quick start's
// contract and the bound objects made from it (typed by whatever `contract` the block has in scope,
// its own or the quick start's), and the app's own functions, typed where the block's meaning
// depends on it (what `save` returns is the ack the handler answers with).

const Message = "{ id: string; room: string; text: string; at: number }";

/** A declaration for each name, appended to a block that uses the name without declaring it. */
export const GIVEN: Readonly<Record<string, string>> = {
  // The README's quick start (its contract block), and the imports other blocks lean on.
  contract: 'import { contract } from "./quick-start.js";',
  Message: 'import { Message } from "./quick-start.js";',
  z: 'import { z } from "zod";',
  binary: 'import { binary } from "@socket-contract/contract";',
  defineContract: 'import { defineContract } from "@socket-contract/contract";',
  bindServer: 'import { bindServer } from "@socket-contract/server";',
  bindClient: 'import { bindClient } from "@socket-contract/client";',
  ContractError: 'import { ContractError } from "@socket-contract/client";',
  tracing: 'import { tracing } from "@socket-contract/opentelemetry";',
  Server: 'import { Server } from "socket.io";',
  createAdapter: 'import { createAdapter } from "@socket.io/redis-adapter";',
  createClient: 'import { createClient } from "redis";',
  // `io` is a Socket.IO server in server blocks and socket.io-client's `io()` in client ones.
  io: 'declare const io: import("socket.io").Server & typeof import("socket.io-client").io;',
  http: 'declare const http: import("node:http").Server;',
  pub: 'declare const pub: ReturnType<typeof import("redis").createClient>;',
  sub: 'declare const sub: ReturnType<typeof import("redis").createClient>;',
  // Bound objects, typed by the contract in the block's scope (each such contract has one namespace).
  // (Through a type alias: `import("...").BoundClient<typeof contract, ...>` in a declaration's own
  // annotation trips TypeScript's circularity check.)
  server:
    'import type { BoundServer as GivenServer } from "@socket-contract/server"; type GivenServerContract = typeof contract; declare const server: GivenServer<GivenServerContract>;',
  socket:
    'import type { BoundSocket as GivenSocket } from "@socket-contract/server"; type GivenSocketContract = typeof contract; declare const socket: GivenSocket<GivenSocketContract, keyof GivenSocketContract["namespaces"] & string>;',
  chat: 'import type { BoundClient as GivenChat } from "@socket-contract/client"; type GivenChatContract = typeof contract; declare const chat: GivenChat<GivenChatContract, "/chat">;',
  files:
    'import type { BoundClient as GivenFiles } from "@socket-contract/client"; type GivenFilesContract = typeof contract; declare const files: GivenFiles<GivenFilesContract, "/files">;',
  onError: 'declare const onError: import("@socket-contract/server").ErrorHandler;',
  reportToAdapter: "declare function reportToAdapter(error: Error): void;",
  withHandledCommands: "declare function withHandledCommands<T>(client: T, onFailure: (error: Error) => void): T;",
  // Values a user has at hand.
  token: "declare const token: string;",
  room: "declare const room: string;",
  text: "declare const text: string;",
  url: "declare const url: string;",
  signal: "declare const signal: AbortSignal;",
  file: "declare const file: File;",
  rows: "declare const rows: unknown[];",
  flooders: "declare const flooders: Set<string>;",
  // The app's own functions.
  // (room, text) in the quick start; (userId, room, text) with the generated wrappers.
  save: `declare function save(...values: string[]): Promise<${Message}>;`,
  store: "declare function store(name: string, bytes: Uint8Array): Promise<string>;",
  presence: "declare const presence: { set(userId: string, room: string, isTyping: boolean): void };",
  verify: "declare function verify(token: string): Promise<string>;",
  isFull: "declare function isFull(room: string): Promise<boolean>;",
  log: "declare function log(...values: unknown[]): void;",
  showFull: "declare function showFull(capacity: number): void;",
  render: `declare function render(message: ${Message}): void;`,
  onMessage: `declare function onMessage(message: ${Message}): void;`,
  show: "declare function show(...values: unknown[]): unknown;",
  showOffline: "declare function showOffline(): void;",
  showLogin: "declare function showLogin(): void;",
  showBanner: "declare function showBanner(text: string): void;",
  audit: "declare function audit(...values: unknown[]): void;",
  isStaff: "declare function isStaff(userId: string): boolean;",
  walk: "declare function walk(query: string): AsyncIterable<string>;",
  append: "declare function append(name: string, chunk: Uint8Array): Promise<number>;",
  closeTheWalk: "declare function closeTheWalk(): void;",
  done: "declare function done(envelope: unknown): void;",
};

/**
 * Blocks that are excerpts, not modules, by their first characters: each is checked where it is
 * whole (the README's quick start holds the contract the excerpts come from).
 */
export const FRAGMENTS: readonly string[] = [
  // A contract's event entries in Valibot and ArkType (the Standard Schema section): keys of an object.
  'import * as v from "valibot";',
  // The generated wrappers of a contract with streams (`search`, `upload`), which the quick start has not.
  "const hits = app.search(",
];
