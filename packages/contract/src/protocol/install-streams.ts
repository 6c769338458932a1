import type { Connection, Wire } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import { StreamEndpoint } from "./stream-endpoint.js";
import { isStreamFrame } from "./stream-frames.js";
import { DEFAULT_MAX_STREAMS, DEFAULT_STREAM_WINDOW, streamSettings } from "./stream-settings.js";
import { setStreamSupport } from "./stream-support.js";

/** A connection's streams, over the connection as their host. */
function make(endpoint: Endpoint, wire: Wire, connection: Connection): StreamEndpoint {
  return new StreamEndpoint({
    namespace: endpoint.namespace,
    side: endpoint.side,
    outgoing: endpoint.outgoing,
    incoming: endpoint.incoming,
    handlerOf: (event) => {
      const definition = endpoint.incoming.get(event);
      const handlers = definition === undefined ? undefined : connection.handlersOf(definition);
      return typeof handlers === "function" ? handlers : handlers?.[0];
    },
    send: (event, args) => wire.emit(event, ...args),
    sendReport: (report) => connection.sendReport(report),
    report: (error) => connection.report(error),
    // A client bound before streams were enabled has no settings of its own: the defaults.
    window: endpoint.streams?.window ?? DEFAULT_STREAM_WINDOW,
    maxOpen: endpoint.streams?.maxOpen ?? DEFAULT_MAX_STREAMS,
    failure: () => wire.failure?.(),
    ackTimeout: endpoint.ackTimeout,
    buffer: () => (wire as { sendBuffer?: { readonly data?: readonly unknown[] }[] }).sendBuffer,
    replaying: () => (wire as { replaying?: boolean }).replaying === true,
    interception: () => connection.interception,
  });
}

/**
 * Lets connections stream (`stream()`, and `contract:*` frames). Idempotent. The runtimes' Node
 * entries call it when they bind; in a browser it is what brings the stream code into the bundle.
 *
 * @example
 * installStreams();
 */
export function installStreams(): void {
  setStreamSupport({ make, isFrame: isStreamFrame, settings: streamSettings });
}
