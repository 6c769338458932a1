import { bindClient, ContractError } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { STREAM_END, STREAM_OPEN } from "@socket-contract/contract/internal";
import { type BoundSocket, bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer } from "../support/util.js";

/**
 * What a peer answers in an `{ ok: false, error }` envelope is untrusted input, like any argument:
 * the code a caller's `isError` narrows to is a built-in code (no `data`) or a code the event
 * declares (its `data` parsed). A hostile or foreign client (a raw socket.io-client, python-socketio)
 * used to put any code and any data it liked into the server's rejection, and a server the same into
 * a bound client's.
 */
const contract = defineContract({
  name: "peer-codes",
  version: "1.0.0",
  namespaces: {
    "/p": {
      clientToServer: {
        call: { args: [], ack: z.string(), errors: { BUSY: z.object({ retryIn: z.number() }) } },
      },
      serverToClient: {
        ask: { args: [], ack: z.string(), errors: { BUSY: z.object({ retryIn: z.number() }) } },
        feed: { args: [], stream: z.number(), ack: z.string() },
      },
    },
  },
});

const UNDECLARED = "The acknowledgement carries an undeclared error code.";

/** A bound server and a raw socket.io-client (no runtime) whose answers to the server's `ask` the test picks. */
async function rawPeer(answer: unknown) {
  const { io, url } = await startServer({ transports: ["websocket"] });
  const sockets: BoundSocket<typeof contract, "/p">[] = [];
  bindServer(contract, io)
    .of("/p")
    .on("connection", (socket) => void sockets.push(socket));
  const raw = client(url, "/p");
  raw.on("ask", (callback: (envelope: unknown) => void) => callback(answer));
  raw.on(STREAM_OPEN, ({ id }: { id: number }) => raw.emit(STREAM_END, id, answer));
  await connected(raw);
  return sockets[0]!;
}

describe("an error envelope from a peer is read as untrusted input", () => {
  it("a client's answer with a code the event does not declare rejects the server's emit with INVALID_ACK, the code kept as its cause", async () => {
    for (const code of ["NOPE", "__proto__", "constructor", "toString"]) {
      const socket = await rawPeer({ ok: false, error: { code, message: "made up", data: { x: 1 } } });
      const error = await socket.emit("ask").catch((caught: unknown) => caught);
      expect(error, code).toBeInstanceOf(ContractError);
      expect(error, code).toMatchObject({ code: "INVALID_ACK", message: UNDECLARED, event: "ask", namespace: "/p" });
      expect((error as ContractError).data, code).toBeUndefined();
      expect((error as ContractError).cause, code).toMatchObject({ code, message: "made up" });
    }
    expect(({} as { x?: unknown }).x).toBeUndefined();
  });

  it("a built-in code keeps its code and message but loses the data a peer put beside it (built-in codes carry none)", async () => {
    const socket = await rawPeer({ ok: false, error: { code: "FORBIDDEN", message: "no", data: { sneaky: true } } });
    const error = (await socket.emit("ask").catch((caught: unknown) => caught)) as ContractError;
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "no", event: "ask" });
    expect(error.data).toBeUndefined();
  });

  it("a declared code still arrives with its parsed data", async () => {
    const socket = await rawPeer({
      ok: false,
      error: { code: "BUSY", message: "later", data: { retryIn: 5, extra: 1 } },
    });
    const error = (await socket.emit("ask").catch((caught: unknown) => caught)) as ContractError;
    expect(error).toMatchObject({ code: "BUSY", message: "later" });
    expect(error.data).toEqual({ retryIn: 5 });
  });

  it("a stream's end with an undeclared code rejects the stream's ack with INVALID_ACK", async () => {
    const socket = await rawPeer({ ok: false, error: { code: "NOPE", message: "made up" } });
    const stream = socket.stream("feed");
    const error = await stream.ack.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "INVALID_ACK", message: UNDECLARED, event: "feed" });
  });

  it("a server's answer with an undeclared code rejects a bound client's call with INVALID_ACK", async () => {
    const { io, url } = await startServer({ transports: ["websocket"] });
    // A plain Socket.IO server (no runtime): it answers whatever it likes.
    io.of("/p").on("connection", (socket) =>
      socket.on("call", (callback: (envelope: unknown) => void) =>
        callback({ ok: false, error: { code: "NOPE", message: "made up" } }),
      ),
    );
    const bound = bindClient(contract, "/p", client(url, "/p"));
    await connected(bound.socket);
    const error = await bound.emit("call").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "INVALID_ACK", message: UNDECLARED, event: "call" });
    expect(bound.socket.connected).toBe(true);
  });
});
