/**
 * What the test process and a node process say to each other over the IPC channel: commands with
 * an id and the replies to them, and notices the node sends on its own (ready, onError, a
 * server-side event it handled, a Redis client error).
 */
export type Command =
  | { readonly cmd: "serverCount" }
  | {
      readonly cmd: "emit";
      readonly namespace: "/chat" | "/admin";
      readonly to?: string[];
      readonly except?: string[];
      readonly event: string;
      readonly args: unknown[];
    }
  | { readonly cmd: "rawEmit"; readonly to: string[]; readonly event: string; readonly args: unknown[] }
  | {
      readonly cmd: "emitFile";
      readonly to?: string[];
      readonly name: string;
      readonly size: number;
      readonly seed: number;
    }
  | {
      readonly cmd: "ticks";
      readonly to?: string[];
      readonly from: string;
      readonly count: number;
      readonly intervalMs: number;
    }
  | { readonly cmd: "fetchSockets"; readonly to?: string[]; readonly timeoutMs?: number }
  | { readonly cmd: "pingAll"; readonly timeoutMs: number }
  | { readonly cmd: "rawFetchSockets" }
  | {
      readonly cmd: "remote";
      readonly socketId: string;
      readonly action: "emit" | "join" | "leave" | "disconnect";
      readonly args: unknown[];
    }
  | { readonly cmd: "serverSideEmit"; readonly event: string; readonly args: unknown[] }
  | { readonly cmd: "rawServerSideEmit"; readonly event: string; readonly args: unknown[] }
  | { readonly cmd: "answerMode"; readonly mode: "valid" | "invalid" }
  | { readonly cmd: "corruptData"; readonly socketId: string }
  | { readonly cmd: "stats" };

export type Request = Command & { readonly id: number };

export interface ReplyError {
  readonly code?: string;
  readonly message: string;
  readonly data?: unknown;
}

export type Reply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: ReplyError };

export interface ReportedError {
  readonly code: string;
  readonly message: string;
  readonly namespace: string;
  readonly event?: string;
  readonly socketId?: string;
  readonly cause?: string;
}

export type Notice =
  | { readonly type: "ready"; readonly port: number }
  | ({ readonly type: "error" } & ReportedError)
  | { readonly type: "server-side"; readonly event: string; readonly args: unknown[] }
  | { readonly type: "redis-error"; readonly client: string; readonly message: string }
  | { readonly type: "unhandled"; readonly message: string };

/** Bytes whose every position is known, so a receiver can tell a single flipped or lost byte. */
export function patternBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + seed) & 0xff;
  return bytes;
}
