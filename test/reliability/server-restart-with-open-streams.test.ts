import { bindClient, ContractError } from "@socket-contract/client";
import { io as connect } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { collect } from "../streams/support.js";
import { connected, next, onCleanup, sleep, until } from "../support/util.js";
import { type ChildServer, startChildServer } from "./support/child-server.js";

const DISCONNECTED_STREAM = "The connection closed before the stream ended.";

/** Settles a promise into what it gave, so a test can check it later without an unhandled rejection. */
function outcome(promise: Promise<unknown>): Promise<{ value: unknown } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe("a server killed (kill -9) and restarted on its port while streams are open and acks pending", () => {
  it("ends every stream and ack at once with DISCONNECTED, serves what was requested while it was down, and typed use resumes", {
    timeout: 60_000,
  }, async () => {
    let server: ChildServer = await startChildServer({ script: "stream-server.ts" });
    const port = server.port;
    const socket = connect(`${server.url}/s`, {
      forceNew: true,
      transports: ["websocket"],
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
      randomizationFactor: 0,
    });
    onCleanup(() => socket.disconnect());
    // A long ack timeout: a rejection within seconds can only come from the dropped connection.
    const chat = bindClient(streamContract, "/s", socket, { ackTimeout: 30_000 });
    const clientErrors: string[] = [];
    chat.onError((error) => void clientErrors.push(`${error.code}:${error.event}`));
    const answering = { started: 0, closed: 0 };
    chat.on("progress", async function* (steps) {
      answering.started++;
      try {
        for (let step = 1; step <= steps; step++) {
          yield { pct: (100 * step) / steps };
          await sleep(2);
        }
      } finally {
        answering.closed++;
      }
      return "done" as const;
    });
    await connected(socket);

    // Open when the server dies: an acked call, a download being read, an upload being sent, and a
    // stream the server requested of the client.
    const ping = outcome(chat.emit("ping"));
    const download = chat.stream("endless", "fast");
    const read: number[] = [];
    const reading = outcome(
      (async () => {
        for await (const n of download) read.push(n);
      })(),
    );
    let uploadClosed = false;
    const upload = chat.stream(
      "upload",
      { name: "big" },
      (async function* () {
        try {
          for (;;) {
            yield new Uint8Array(1_024);
            await sleep(2);
          }
        } finally {
          uploadClosed = true;
        }
      })(),
    );
    await server.ask({ type: "ask", steps: 1_000_000 }, "asked");
    await until(() => read.length > 10 && answering.started === 1, 5_000);

    const disconnected = next<[string]>(socket, "disconnect");
    const killedAt = performance.now();
    await server.kill();
    expect((await disconnected)[0]).toBe("transport close");
    const [pinged, readOutcome, downloadAck, uploadAck] = await Promise.all([
      ping,
      reading,
      outcome(download.ack),
      outcome(upload.ack),
    ]);
    expect(performance.now() - killedAt).toBeLessThan(3_000);
    expect(pinged).toEqual({ error: expect.objectContaining({ code: "DISCONNECTED" }) });
    expect(ContractError.is((pinged as { error: unknown }).error)).toBe(true);
    for (const ended of [readOutcome, downloadAck, uploadAck])
      expect(ended).toEqual({ error: expect.objectContaining({ code: "DISCONNECTED", message: DISCONNECTED_STREAM }) });
    await until(() => uploadClosed && answering.closed === 1, 2_000); // the upload's source and the client's answer were closed

    // Requested while the server is down: waits in socket.io-client's buffer, served once it is back.
    const whileDown = chat.stream("count", { n: 3 });
    const whileDownItems = collect(whileDown);
    await sleep(300);
    const reconnected = next(socket, "connect");
    server = await startChildServer({ script: "stream-server.ts", port });
    await reconnected;
    expect(await whileDownItems).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    await expect(whileDown.ack).resolves.toEqual({ total: 3 });

    // Typed use resumes, both ways.
    const count = chat.stream("count", { n: 2 });
    expect(await collect(count)).toEqual([{ i: 0 }, { i: 1 }]);
    await server.ask({ type: "ask", steps: 2 }, "asked");
    await until(() => answering.started === 2 && answering.closed === 2, 5_000);
    expect(clientErrors).toEqual([]);
    expect((await server.ask<{ errors: string[] }>({ type: "errors" }, "errors")).errors).toEqual([]);
  });
});
