import type { ContractError } from "../contract-error.js";
import type { EventCatalog } from "./catalog.js";
import type { Connection, Wire } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import type { StreamRequest } from "./stream-request.js";
import type { StreamSettings } from "./stream-settings.js";

/** What a connection asks of its streams (`StreamEndpoint`). */
export interface Streams {
  /** `recovering`: the socket is a client's under `connectionStateRecovery` (see `withoutRecoveryOffset`). */
  receive(event: string, args: readonly unknown[], recovering?: boolean): void;
  /** `timeout`: how long the open may wait for an answer, `ackTimeout` when not given. */
  request(event: string, args: unknown[], timeout?: number): StreamRequest;
  /** Ends every open stream with `error`, `DISCONNECTED` when none is given (the connection closed). */
  close(error?: ContractError): void;
  /** The connection was refused (a client's): every request still waiting fails with the refusal's code. */
  refuse(refusal: ContractError): void;
}

/** The stream machinery as a connection and a bind function reach it, set by `installStreams`. */
export interface StreamSupport {
  /** Makes a connection's streams from its endpoint, its socket and itself (their `StreamHost`). */
  make(endpoint: Endpoint, wire: Wire, connection: Connection): Streams;
  /** Whether an incoming event is a stream frame (`contract:open`, ...), which the streams receive. */
  isFrame(event: string): boolean;
  /** Reads a bind function's `streamWindow` and `maxStreams` (see `streamSettings`). */
  settings(options: { readonly streamWindow?: number; readonly maxStreams?: number }, caller: string): StreamSettings;
}

let support: StreamSupport | undefined;

/**
 * Where the stream machinery plugs in. A connection holds no static reference to it, so a browser
 * bundle whose contract does not stream carries none of it: the server and the Node client install
 * it at bind time, a page calls `enableStreams()` (generated code for a streaming contract does).
 */
export function setStreamSupport(installed: StreamSupport): void {
  support = installed;
}

/** The installed stream support, or `undefined` where streams were never enabled. */
export function streamSupport(): StreamSupport | undefined {
  return support;
}

/** Whether a catalog holds an event that streams, so that a connection over it needs streams installed. */
export function hasStreams(catalog: EventCatalog): boolean {
  for (const event of catalog.values()) if (event.stream !== undefined) return true;
  return false;
}

/** Why a bundle cannot stream: `enableStreams()` was not called (`problem` says what needed it). */
export function streamsNotEnabled(problem: string, caller: string): TypeError {
  return new TypeError(
    `[socket-contract] ${problem}: call enableStreams() from @socket-contract/client before ${caller}`,
  );
}
