import { type BoundSocket, ContractError, bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { client, connected, errorLog, next, startServer } from "../support/util.js";

// Issue 17, defect 1: Socket.IO's server never calls a pending ack's callback when the connection
// closes, so a server-side `emit` awaiting an ack from a client that went away used to wait for the
// whole ack timeout and then reject with TIMEOUT. It must reject with DISCONNECTED as soon as the
// connection closes, as the client runtime's pending acks do. The ack timeout here is far longer
// than the test's own: a regression fails on TIMEOUT's code or on the test's timeout.
const LONG = 60_000;

async function serverWithSilentClient() {
  const { io, url } = await startServer({ transports: ["websocket"] });
  const server = bindServer(contract, io, { ackTimeout: LONG, onError: errorLog().onError });
  server.of("/chat").use((socket) => {
    socket.data.userId = "u";
  });
  const arrived = new Promise<BoundSocket<typeof contract, "/chat">>((resolve) =>
    server.of("/chat").on("connection", resolve),
  );
  // A plain Socket.IO client that never answers "ping".
  const raw = client(url, "/chat", { auth: { token: "t" } });
  await connected(raw);
  return { raw, socket: await arrived };
}

describe("a server-side pending ack ends with DISCONNECTED when the connection closes", () => {
  it("socket.emit rejects DISCONNECTED when the client disconnects", { timeout: 10_000 }, async () => {
    const { raw, socket } = await serverWithSilentClient();
    const pinged = next(raw, "ping");
    const answer = socket.emit("ping");
    await pinged;
    raw.disconnect();
    const error = await answer.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(ContractError.is(error, "DISCONNECTED")).toBe(true);
    expect((error as ContractError).event).toBe("ping");
  });

  it("socket.timeout(ms).emit rejects DISCONNECTED when the transport closes", { timeout: 10_000 }, async () => {
    const { raw, socket } = await serverWithSilentClient();
    const pinged = next(raw, "ping");
    const answers = [socket.timeout(LONG).emit("ping"), socket.timeout(LONG).emit("ping")];
    await pinged;
    raw.io.engine.close();
    const codes = await Promise.all(
      answers.map((answer) =>
        answer.then(
          () => "answered",
          (thrown: ContractError) => thrown.code,
        ),
      ),
    );
    expect(codes).toEqual(["DISCONNECTED", "DISCONNECTED"]);
  });

  it("an emit after the disconnect rejects DISCONNECTED at once", { timeout: 10_000 }, async () => {
    const { raw, socket } = await serverWithSilentClient();
    const gone = next(socket.raw, "disconnect");
    raw.disconnect();
    await gone;
    await expect(socket.emit("ping")).rejects.toMatchObject({ code: "DISCONNECTED", event: "ping" });
  });

  it("an ack that arrives before the disconnect is still the answer", { timeout: 10_000 }, async () => {
    const { raw, socket } = await serverWithSilentClient();
    raw.on("ping", (callback: (envelope: unknown) => void) => callback({ ok: true, data: "pong" }));
    await expect(socket.emit("ping")).resolves.toBe("pong");
    raw.disconnect();
  });
});
