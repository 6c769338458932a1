import { bindClient } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, until } from "../support/util.js";

// Socket.IO's `volatile` flag ("the event may be lost if the transport is not ready") is what its
// docs recommend against a backlog of stale events after a reconnection. Broadcasts had it; a bound
// client and a bound server socket did not, so `socket.raw.volatile.emit(...)`, unchecked, was the
// only way. Both now have `volatile.emit`, checked as every emit is.

describe("volatile emits on a bound client and a bound server socket", () => {
  it("drops a client's volatile event made while disconnected, where a plain emit is buffered and sent", async () => {
    const { url, calls } = await startChat();
    const socket = client(url, "/chat", { auth: { token: "ann" } });
    const chat = bindClient(contract, "/chat", socket);
    await connected(socket);
    socket.disconnect();
    chat.volatile.emit("typing", "lobby", true);
    chat.emit("typing", "lobby", false);
    socket.connect();
    await connected(socket);
    expect(await chat.emit("message:send", { room: "lobby", text: "marker" })).toMatchObject({ text: "marker" });
    chat.volatile.emit("typing", "lobby", true);
    await until(() => calls.length === 3);
    expect(calls.map(({ event, args }) => [event, ...args])).toEqual([
      ["typing", "lobby", false],
      ["message:send", { room: "lobby", text: "marker" }],
      ["typing", "lobby", true],
    ]);
  });

  it("checks a client's volatile event before it leaves: a bad one throws INVALID_PAYLOAD and sends nothing", async () => {
    const { url, calls } = await startChat();
    const socket = client(url, "/chat", { auth: { token: "ann" } });
    const chat = bindClient(contract, "/chat", socket);
    await connected(socket);
    expect(() => chat.volatile.emit("typing", "lobby", "yes" as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
    await chat.emit("message:send", { room: "lobby", text: "marker" });
    expect(calls.map(({ event }) => event)).toEqual(["message:send"]);
  });

  it("drops a server socket's volatile event while its transport is busy, as Socket.IO does, and checks it first", async () => {
    const { url, chat: namespace } = await startChat();
    const socket = client(url, "/chat", { auth: { token: "ann" }, transports: ["websocket"] });
    const chat = bindClient(contract, "/chat", socket);
    const notices: string[] = [];
    chat.on("notice", (text) => void notices.push(text));
    await connected(socket);
    const bound = namespace.socketOf([...namespace.raw.sockets.values()][0]!)!;
    expect(() => bound.volatile.emit("notice", 1 as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
    // The first packet makes the WebSocket transport busy until it is written: the volatile one is dropped.
    bound.emit("notice", "first");
    bound.volatile.emit("notice", "dropped");
    bound.emit("notice", "last");
    await until(() => notices.length === 2);
    bound.volatile.emit("notice", "on an idle transport");
    await until(() => notices.length === 3);
    expect(notices).toEqual(["first", "last", "on an idle transport"]);
  });
});
