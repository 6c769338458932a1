import { bindClient } from "@socket-contract/client";
import { type ContractError, defineContract } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer, until } from "../support/util.js";

const contract = defineContract({
  name: "retries-drop",
  version: "1.0.0",
  namespaces: { "/": { clientToServer: { fire: { args: [z.number().int()] } } } },
});

/**
 * With socket.io-client's `retries`, an ack-less event the server never confirms is given up after
 * its last try. socket.io-client hands that failure to the emit's callback, which the runtime added
 * itself and ignored: the event was lost with no word to the client.
 */
describe("an ack-less event given up after socket.io-client's last retry", () => {
  it("reaches the client's onError as TIMEOUT", async () => {
    const { io, url } = await startServer();
    const server = bindServer(contract, io);
    const tries: number[] = [];
    server.of("/").on("connection", (socket) => {
      // Never finishes, so the runtime never confirms the event.
      socket.on("fire", (n) => {
        tries.push(n);
        return new Promise<void>(() => {});
      });
    });
    const chat = bindClient(contract, "/", client(url, "", { retries: 2 }), { ackTimeout: 150 });
    const told: ContractError[] = [];
    chat.onError((error) => told.push(error));
    await connected(chat.socket);

    chat.emit("fire", 7);
    await until(() => told.length === 1, 3_000);
    expect(tries).toEqual([7, 7, 7]);
    expect([told[0]!.code, told[0]!.event]).toEqual(["TIMEOUT", "fire"]);
  });
});
