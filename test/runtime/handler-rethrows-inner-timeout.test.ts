import { bindClient } from "@socket-contract/client";
import { ContractError, defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, errorLog, startServer } from "../support/util.js";

const contract = defineContract({
  name: "inner-calls",
  version: "1.0.0",
  namespaces: {
    "/": {
      clientToServer: {
        "ask:one": { args: [], ack: z.string() },
        "ask:all": { args: [], ack: z.string() },
        "ask:rooms": { args: [], ack: z.string() },
        "ask:badly": { args: [], ack: z.string() },
        "ask:upstream": { args: [], ack: z.string() },
      },
      serverToClient: { ping: { args: [z.number()], ack: z.literal("pong") } },
    },
  },
});

/**
 * A handler that awaits its own call to a client (or a fetchSockets) and lets the failure propagate
 * sent that call's TIMEOUT to the client whose call was answered at once: the client could not tell
 * its own call timed out (and retry it) from a failure inside the server. A built-in code that
 * belongs to another call is the handler's failure: HANDLER_ERROR, the original in onError.
 */
describe("a handler that lets an inner call's failure propagate", () => {
  async function setup() {
    const { io, url } = await startServer();
    const log = errorLog();
    const server = bindServer(contract, io, { onError: log.onError });
    const ns = server.of("/");
    ns.on("connection", (socket) => {
      socket.on("ask:one", async () => (await socket.timeout(100).emit("ping", 1), "done"));
      socket.on("ask:all", async () => ((await ns.timeout(100).emit("ping", 1)).join(), "done"));
      socket.on("ask:rooms", async () => {
        // A broken adapter: fetchSockets() rejects with TIMEOUT located at the namespace.
        await Promise.reject(new ContractError("TIMEOUT", { message: "fetchSockets() timed out.", namespace: "/" }));
        return "done";
      });
      socket.on("ask:badly", async () => {
        socket.emit("ping", "not a number" as unknown as number);
        return "done";
      });
      socket.on("ask:upstream", () => {
        throw new ContractError("TIMEOUT", { message: "The upstream timed out." });
      });
    });
    const chat = bindClient(contract, "/", client(url, ""), { ackTimeout: 2_000 });
    chat.on("ping", () => new Promise<"pong">(() => {})); // never answers
    await connected(chat.socket);
    return { chat, log };
  }

  async function codeOf(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: ContractError) => e,
    );
    return [error?.code, error?.message, error?.event];
  }

  it.each([
    ["a socket's ack-bearing emit", "ask:one", "TIMEOUT"],
    ["a broadcast with acks", "ask:all", "TIMEOUT"],
    ["fetchSockets", "ask:rooms", "TIMEOUT"],
    ["an emit refused by the contract", "ask:badly", "INVALID_PAYLOAD"],
  ] as const)("%s: the client gets HANDLER_ERROR, onError the original", async (_, event, inner) => {
    const { chat, log } = await setup();
    expect(await codeOf(chat.emit(event))).toEqual(["HANDLER_ERROR", "The handler failed.", event]);
    const told = log.errors.find((e) => e.event === event)!;
    expect(told.code).toBe("HANDLER_ERROR");
    expect((told.cause as ContractError).code).toBe(inner);
  });

  it("a TIMEOUT the handler makes itself still reaches the client as TIMEOUT", async () => {
    const { chat } = await setup();
    expect(await codeOf(chat.emit("ask:upstream"))).toEqual(["TIMEOUT", "The upstream timed out.", "ask:upstream"]);
  });
});
