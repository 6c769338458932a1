import { installStreams } from "@socket-contract/contract/internal";

/**
 * Lets bound clients stream (`stream()`, a `streamOf()` upload, a `stream` answer). The Node entry
 * does it by itself; in a browser bundle the stream code is left out until a page calls this once
 * before `bindClient` (the generated `bind...Client` of a contract that streams does), so a page
 * whose contract does not stream does not carry it. `bindClient` on a namespace with stream events
 * throws a `TypeError` saying so when streams are not enabled.
 *
 * @example
 * enableStreams();
 * const chat = bindClient(contract, "/chat", io("/chat"));
 * const upload = chat.stream("file:stream", meta, chunks);
 */
export function enableStreams(): void {
  installStreams();
}
