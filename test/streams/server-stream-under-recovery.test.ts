import { describe, expect, it } from "vitest";
import { expectStreamsBothWays, startStreams } from "./support.js";

/**
 * Under `connectionStateRecovery`, Socket.IO appends a recovery offset to every ack-less packet a
 * server sends, stream frames included. The client refused the server's `contract:open` for its
 * extra argument, so a stream the server opened failed with INVALID_PAYLOAD.
 */
describe("streams under connectionStateRecovery", () => {
  it("serves the streams either side opens, with no error on either side", async () => {
    const started = await startStreams({ server: { connectionStateRecovery: {} } });
    const clientErrors = await expectStreamsBothWays(started);
    expect(clientErrors).toEqual([]);
    expect(started.errors).toEqual([]);
  });
});
