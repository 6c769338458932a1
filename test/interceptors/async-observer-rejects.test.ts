import { bindClient, type ContractError } from "@socket-contract/client";
import type { Interceptor } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { defineContract } from "@socket-contract/contract";
import { client, connected, errorLog, rawAck, sleep, startServer, until } from "../support/util.js";

// The README's auditing interceptor, `outgoing: (packet) => (outcome) => audit(...)`, with an
// audit() that is async (a database write) and fails: the observer's type returns void, so an async
// one compiles, and the runtime caught only what an observer threw, not the promise it returned. Each
// failed audit was an unhandled rejection, which ends a Node process by default; a synchronous
// throw already went to onError.
const contract = defineContract({
  name: "audited",
  version: "1.0.0",
  namespaces: {
    "/ops": {
      clientToServer: {
        ask: { args: [z.string()], ack: z.string() },
        rows: { args: [], stream: z.string() },
      },
      serverToClient: { notice: { args: [z.string()] } },
    },
  },
});

const audit = async (what: string): Promise<void> => {
  await sleep(1);
  throw new Error(`audit store down: ${what}`);
};

// Every observing part of an interceptor, each one async and failing.
const auditing = (side: string): Interceptor => ({
  outgoing: (packet) => (outcome) => audit(`${side} ${packet.kind} ${outcome.ok}`),
  refused: (refusal) => audit(`${side} refused ${refusal.error.code}`),
  connection: () => () => audit(`${side} connection`),
  stream: () => () => audit(`${side} stream`),
});

it("an async observer of an interceptor that rejects reaches onError, never an unhandled rejection", async () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    const { io, url } = await startServer();
    const log = errorLog();
    const server = bindServer(contract, io, { onError: log.onError, interceptors: [auditing("server")] });
    const ops = server.of("/ops");
    ops.on("connection", (socket) => {
      socket.on("ask", (text) => text);
      socket.on("rows", async function* () {
        yield "a";
      });
    });
    const peer = bindClient(contract, "/ops", client(url, "/ops"), { interceptors: [auditing("client")] });
    const clientErrors: ContractError[] = [];
    peer.onError((error) => clientErrors.push(error));
    await connected(peer.socket);

    expect(await peer.emit("ask", "hi")).toBe("hi"); // client emit, server ack
    for await (const row of peer.stream("rows")) expect(row).toBe("a"); // server item, both streams
    ops.emit("notice", "all"); // server broadcast
    expect(await rawAck(peer.socket, "ask", 42)).toMatchObject({ ok: false, error: { code: "INVALID_PAYLOAD" } }); // refused
    await until(() => log.errors.filter((error) => error.code === "HANDLER_ERROR").length >= 6);
    await sleep(50);

    expect(rejections).toEqual([]);
    const causes = (errors: { code: string; cause?: unknown }[]) =>
      errors
        .filter((error) => error.code === "HANDLER_ERROR")
        .map((error) => (error.cause as Error).message)
        .sort();
    expect(causes(log.errors)).toEqual(
      [
        "audit store down: server ack true",
        "audit store down: server broadcast true",
        "audit store down: server connection",
        "audit store down: server item true",
        "audit store down: server refused INVALID_PAYLOAD",
        "audit store down: server stream",
      ].sort(),
    );
    await until(() => causes(clientErrors).length >= 3);
    expect(causes(clientErrors)).toEqual(
      [
        "audit store down: client connection",
        "audit store down: client emit true",
        "audit store down: client stream",
      ].sort(),
    );
  } finally {
    process.off("unhandledRejection", onRejection);
  }
});
