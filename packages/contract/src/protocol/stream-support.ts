import type { ContractError } from "../contract-error.js";
import type { EventCatalog } from "./catalog.js";
import type { Connection, Wire } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import type { StreamRequest } from "./stream-request.js";

/** What a connection asks of its streams (`StreamEndpoint`). */
export interface Streams {
  receive(event: string, args: readonly unknown[]): void;
  request(event: string, args: unknown[]): StreamRequest;
  close(error: ContractError): void;
}

/**
 * Makes a connection's streams from its endpoint, its socket and itself; set by `installStreams`,
 * which also holds how a connection is seen as their `StreamHost`.
 */
export type StreamsFactory = (endpoint: Endpoint, wire: Wire, connection: Connection) => Streams;

let factory: StreamsFactory | undefined;

/**
 * Where the stream machinery plugs in. A connection holds no static reference to it, so a browser
 * bundle whose contract does not stream carries none of it: the server and the Node client install
 * it at bind time, a page calls `enableStreams()` (generated code for a streaming contract does).
 */
export function setStreamsFactory(make: StreamsFactory): void {
  factory = make;
}

/** The installed factory, or `undefined` where streams were never enabled. */
export function streamsFactory(): StreamsFactory | undefined {
  return factory;
}

/** Whether a catalog holds an event that streams, so that a connection over it needs streams installed. */
export function hasStreams(catalog: EventCatalog): boolean {
  for (const event of catalog.values()) if (event.stream !== undefined) return true;
  return false;
}
