import { type BoundSocket, bindServer } from "@socket-contract/server";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { errorLog, next, onCleanup, startServer, until } from "../support/util.js";

// Issue 17, defect 2: with connectionStateRecovery (Socket.IO's default skipMiddlewares: true), a
// restored connection skips the namespace's middleware, so the bound socket used to be built from
// the raw handshake: `socket.auth` was whatever the client sent on reconnection (a number where the
// contract says string), plus Socket.IO's pid/offset and the "~contract" identity. Every admitted
// connection, recovered or not, must carry the parsed auth, and a recovered one whose auth fails
// the schema is refused with UNAUTHORIZED.
async function recoveringServer() {
  const { io, url } = await startServer({
    transports: ["websocket"],
    connectionStateRecovery: { maxDisconnectionDuration: 10_000 },
  });
  const log = errorLog();
  const chat = bindServer(contract, io, { onError: log.onError }).of("/chat");
  chat.use((socket) => {
    socket.data.userId = `user-${socket.auth.token}`;
  });
  const sockets: BoundSocket<typeof contract, "/chat">[] = [];
  chat.on("connection", (socket) => void sockets.push(socket));
  const raw = connect(`${url}/chat`, {
    forceNew: true,
    transports: ["websocket"],
    reconnectionDelay: 10,
    reconnectionDelayMax: 10,
    auth: { token: "first" },
  });
  onCleanup(() => raw.disconnect());
  await next(raw, "connect");
  // socket.io-client asks for recovery once it holds the offset of an event it received.
  const noticed = next(raw, "notice");
  sockets[0]!.emit("notice", "hello");
  await noticed;
  return { raw, sockets, log, chat };
}

/** Closes the transport as a network failure would: the server keeps the session, the client reconnects and recovers it. */
function dropTransport(raw: ClientSocket): void {
  raw.io.engine.close();
}

describe("a socket restored by connection-state recovery gets a checked auth", () => {
  it("a recovered socket's auth is the parsed value, without Socket.IO's pid and offset", {
    timeout: 10_000,
  }, async () => {
    const { raw, sockets } = await recoveringServer();
    raw.auth = { token: "second", extra: "stripped" };
    const reconnected = next(raw, "connect");
    dropTransport(raw);
    await reconnected;
    expect(raw.recovered).toBe(true);
    expect(sockets).toHaveLength(2);
    const recovered = sockets[1]!;
    expect(recovered.raw.recovered).toBe(true);
    expect(recovered.auth).toEqual({ token: "second" });
    // The data was checked when the connection was first admitted, and is restored as it was.
    expect(recovered.data).toEqual({ userId: "user-first" });
  });

  it("a recovered socket whose auth fails the schema is refused with UNAUTHORIZED", { timeout: 10_000 }, async () => {
    const { raw, sockets, log, chat } = await recoveringServer();
    raw.auth = { token: 42 };
    const refused = next<[Error & { data?: { code: string; message: string } }]>(raw, "connect_error");
    dropTransport(raw);
    const [error] = await refused;
    expect(raw.recovered).toBe(true);
    expect(error.data).toEqual({ code: "UNAUTHORIZED", message: "The connection was refused." });
    expect(sockets).toHaveLength(1);
    expect(log.errors.map((e) => e.code)).toEqual(["UNAUTHORIZED"]);
    // socket.io-client had read the recovered CONNECT first: it stops, as after any refusal, and the server closed the socket.
    expect(raw.active).toBe(false);
    await until(() => chat.raw.sockets.size === 0);
  });
});
