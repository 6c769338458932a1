import { StreamEndpoint } from "./stream-endpoint.js";
import { setStreamsFactory } from "./stream-support.js";

const make = (host: ConstructorParameters<typeof StreamEndpoint>[0]) => new StreamEndpoint(host);

/**
 * Lets connections stream (`stream()`, and `contract:*` frames). Idempotent. The runtimes' Node
 * entries call it when they bind; in a browser it is what brings the stream code into the bundle.
 *
 * @example
 * installStreams();
 */
export function installStreams(): void {
  setStreamsFactory(make);
}
