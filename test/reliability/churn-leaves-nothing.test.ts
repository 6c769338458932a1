import { type BoundClient, bindClient } from "@socket-contract/client";
import { ContractError } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { streamContract } from "../fixtures/stream-contract.js";
import { connected, onCleanup, sleep, startServer, until } from "../support/util.js";
import { settledHeap } from "./support/heap.js";

/** Connections opened and closed mid-flight; each would leave a socket, streams and calls behind if anything held them. */
const CYCLES = 90;

/** How a connection ends: the client leaves, the server throws it out, or the transport drops with no goodbye. */
const ENDINGS = ["client disconnect", "server disconnect", "transport drop"] as const;
type Ending = (typeof ENDINGS)[number];

/** An upload whose chunks stop coming: it is still open when its connection goes. */
async function* stalledUpload(): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(16);
  await new Promise(() => {});
}

/** The code a call or stream was rejected with. */
function codeOf(settled: unknown): string {
  return ContractError.is(settled) ? settled.code : String(settled);
}

/**
 * What a call settled to, or "pending" if it has not within 5 s. Its timer is cleared once the call
 * settles, and is made out here, so that it holds nothing of the connection that made the call.
 */
function settledWithin(call: Promise<string>): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("pending"), 5_000);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

const alive = (refs: readonly WeakRef<object>[]): number => refs.filter((ref) => ref.deref() !== undefined).length;

/**
 * A bound server whose every connection gets, once it is up: a server stream, an upload, an ack its
 * handler answers only after the client has gone, and an ack the server waits for from the client.
 * The test keeps only weak references to the server's sockets.
 */
async function startChurnServer() {
  const { io, url } = await startServer();
  const reported: string[] = [];
  const server = bindServer(streamContract, io, { rateLimit: false, onError: (error) => reported.push(error.code) });
  const state = {
    url,
    reported,
    connections: 0,
    handlersDone: 0,
    sockets: [] as WeakRef<object>[],
    /** What the server's own acked emits to each client settled to. */
    serverCalls: [] as Promise<string>[],
    live: new Set<{ disconnect(close?: boolean): void }>(),
  };
  server.of("/s").on("connection", (socket) => {
    state.connections++;
    state.sockets.push(new WeakRef(socket));
    state.live.add(socket);
    socket.raw.on("disconnect", () => state.live.delete(socket));
    socket.on("endless", async function* () {
      for (let i = 0; ; i++) {
        await sleep(2);
        yield i;
      }
    });
    socket.on("upload", async (_meta, chunks) => {
      let bytes = 0;
      for await (const chunk of chunks) bytes += chunk.byteLength;
      return { bytes, sha256: "" };
    });
    // Answers after its client has left: the answer has nowhere to go, and must not be kept.
    socket.on("ping", async () => {
      await new Promise((resolve) => socket.raw.once("disconnect", resolve));
      state.handlersDone++;
      return "pong" as const;
    });
    // An ack the server waits for, which the client never gives.
    state.serverCalls.push(socket.emit("hello").then(String, codeOf));
  });
  onCleanup(() => {
    for (const socket of state.live) socket.disconnect(true);
  });
  return state;
}

type ChurnServer = Awaited<ReturnType<typeof startChurnServer>>;

/**
 * Opens a stream, an upload and an acked call on a connected client, lets the stream flow, ends the
 * connection the given way, and gives what each of the three settled to. The streams go to `kept`
 * as weak references.
 */
async function openAllThenEnd(
  server: ChurnServer,
  chat: BoundClient<typeof streamContract, "/s">,
  raw: ClientSocket,
  ending: Ending,
  kept: WeakRef<object>[],
): Promise<string[]> {
  const endless = chat.stream("endless", "slow");
  const upload = chat.stream("upload", { name: "stalled" }, stalledUpload());
  kept.push(new WeakRef(endless), new WeakRef(upload));
  let items = 0;
  const reading = (async () => {
    for await (const _ of endless) items++;
    return "ended";
  })();
  const settled = [
    reading.catch(codeOf),
    upload.ack.then(() => "answered", codeOf),
    chat.emit("ping").then(String, codeOf),
  ];
  // The server's stream is flowing before the connection goes.
  await until(() => items > 0);
  if (ending === "client disconnect") raw.disconnect();
  else if (ending === "server disconnect") for (const socket of server.live) socket.disconnect(true);
  else raw.io.engine.close();
  return Promise.all(settled.map(settledWithin));
}

/** One client's life: connect, open everything, lose the connection the `index`-th way. */
async function oneClient(
  server: ChurnServer,
  index: number,
  kept: { clients: WeakRef<object>[]; streams: WeakRef<object>[] },
): Promise<string[]> {
  const raw = connect(`${server.url}/s`, { forceNew: true, reconnection: false, transports: ["websocket"] });
  const chat = bindClient(streamContract, "/s", raw);
  chat.onError(() => {});
  chat.on("hello", () => new Promise<"hi">(() => {}));
  kept.clients.push(new WeakRef(chat));
  await connected(raw);
  const ends = await openAllThenEnd(server, chat, raw, ENDINGS[index % ENDINGS.length]!, kept.streams);
  raw.disconnect();
  return ends;
}

/** Every call of every connection ended with DISCONNECTED on both sides, and no handler failed. */
async function expectAllDisconnected(server: ChurnServer, clientEnds: string[], connections: number): Promise<void> {
  await until(() => server.live.size === 0 && server.handlersDone === connections, 5_000);
  const serverEnds = await Promise.all(server.serverCalls.map(settledWithin));
  expect(server.connections).toBe(connections);
  expect(clientEnds).toHaveLength(3 * connections);
  expect(new Set(clientEnds)).toEqual(new Set(["DISCONNECTED"]));
  expect(serverEnds).toHaveLength(connections);
  expect(new Set(serverEnds)).toEqual(new Set(["DISCONNECTED"]));
  expect(server.reported.filter((code) => code === "HANDLER_ERROR" || code === "INVALID_ACK")).toEqual([]);
}

/**
 * A long-running server sees clients leave while everything is in flight, and a long-lived client
 * loses its connection again and again. Each connection must end everything it had open with a
 * typed error, and once it is gone nothing may keep anything of it: the test holds only weak
 * references, and after full collections every one of them must be empty.
 */
describe("connections that come and go mid-flight leave nothing behind", () => {
  it(`${CYCLES} clients, each gone with streams, uploads and acks open, are all collected on both sides`, {
    timeout: 120_000,
  }, async () => {
    const server = await startChurnServer();
    const kept = { clients: [] as WeakRef<object>[], streams: [] as WeakRef<object>[] };
    const clientEnds: string[] = [];
    // Each client lives in its own call, so that no frame of the test still holds the last one.
    for (let index = 0; index < CYCLES; index++) clientEnds.push(...(await oneClient(server, index, kept)));
    await expectAllDisconnected(server, clientEnds, CYCLES);

    await settledHeap();
    expect({
      serverSockets: alive(server.sockets),
      clients: alive(kept.clients),
      streams: alive(kept.streams),
    }).toEqual({ serverSockets: 0, clients: 0, streams: 0 });
  });

  it(`one client that loses its connection ${CYCLES} times mid-flight keeps nothing of the connections it lost`, {
    timeout: 120_000,
  }, async () => {
    const server = await startChurnServer();
    const raw = connect(`${server.url}/s`, {
      forceNew: true,
      reconnectionDelay: 10,
      reconnectionDelayMax: 10,
      transports: ["websocket"],
    });
    onCleanup(() => raw.disconnect());
    const chat = bindClient(streamContract, "/s", raw);
    chat.onError(() => {});
    chat.on("hello", () => new Promise<"hi">(() => {}));
    const streams: WeakRef<object>[] = [];
    const clientEnds: string[] = [];
    for (let index = 0; index < CYCLES; index++) {
      // A server's disconnect is final for socket.io-client, so the app connects again itself.
      if (!raw.connected) raw.connect();
      await connected(raw);
      clientEnds.push(...(await openAllThenEnd(server, chat, raw, ENDINGS[index % ENDINGS.length]!, streams)));
    }
    raw.disconnect();
    await expectAllDisconnected(server, clientEnds, CYCLES);

    await settledHeap();
    expect({ serverSockets: alive(server.sockets), streams: alive(streams) }).toEqual({ serverSockets: 0, streams: 0 });
  });
});
