import { bindClient, ContractError } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { streamContract } from "../fixtures/stream-contract.js";
import { client, connected, next, sleep, startServer } from "../support/util.js";

/** A call's outcome, or "still waiting" after `ms`: far shorter than the 30 s ack timeout the clients use. */
function within(call: Promise<unknown>, ms = 5_000): Promise<unknown> {
  return Promise.race([
    call.then(
      () => "resolved",
      (error: unknown) => error,
    ),
    sleep(ms).then(() => "still waiting"),
  ]);
}

/** A server whose middleware refuses the token "bad" (UNAUTHORIZED) and "banned" (BANNED with data), counting what it receives. */
async function guardedChat(): Promise<{ url: string; received: string[] }> {
  const { io, url } = await startServer();
  const chat = bindServer(contract, io, { onError: () => {} }).of("/chat");
  const received: string[] = [];
  chat.use((socket) => {
    if (socket.auth.token === "bad") throw new Error("expired");
    if (socket.auth.token === "banned")
      throw new ContractError("BANNED", { message: "You are banned.", data: { until: 1_700_000_000 } });
    socket.data.userId = socket.auth.token;
  });
  chat.on("connection", (socket) => {
    socket.on("message:send", ({ room, text }) => {
      received.push(text);
      return { id: String(received.length), room, text, at: 1 };
    });
  });
  return { url, received };
}

describe("a refused connection fails the calls waiting for it at once (it used to look like a 10 s TIMEOUT)", () => {
  it("rejects an emit made before connect with UNAUTHORIZED, long before its 30 s ack timeout", async () => {
    const { url } = await guardedChat();
    const chat = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "bad" } }), {
      ackTimeout: 30_000,
    });
    const refused = next(chat.socket, "connect_error");
    const outcome = await within(chat.emit("message:send", { room: "lobby", text: "before connect" }));
    expect(outcome).toBeInstanceOf(ContractError);
    expect(outcome).toMatchObject({ code: "UNAUTHORIZED", event: "message:send", namespace: "/chat" });
    await refused;
  });

  it("carries the refusal's own code and data, fails later calls at once until a new attempt, and never sends a refused call", async () => {
    const { url, received } = await guardedChat();
    const socket = client(url, "/chat", { auth: { token: "banned" } });
    const chat = bindClient(contract, "/chat", socket, { ackTimeout: 30_000 });
    const first = await within(chat.emit("message:send", { room: "lobby", text: "refused 1" }));
    expect(first).toMatchObject({ code: "BANNED", message: "You are banned.", data: { until: 1_700_000_000 } });
    const second = await within(chat.emit("message:send", { room: "lobby", text: "refused 2" }));
    expect(second).toMatchObject({ code: "BANNED", data: { until: 1_700_000_000 } });

    socket.auth = { token: "ann" };
    socket.connect();
    const delivered = chat.emit("message:send", { room: "lobby", text: "after the new attempt" });
    await connected(socket);
    await expect(delivered).resolves.toMatchObject({ text: "after the new attempt" });
    expect(received).toEqual(["after the new attempt"]);
  });

  it("ends a stream request made before connect with the refusal's code", async () => {
    const { io, url } = await startServer();
    const server = bindServer(streamContract, io, { onError: () => {} });
    server.of("/s").use(() => {
      throw new ContractError("UNAUTHORIZED");
    });
    const s = bindClient(streamContract, "/s", client(url, "/s"), { ackTimeout: 30_000 });
    const request = s.stream("count", { n: 3 });
    expect(await within(request.ack)).toMatchObject({ code: "UNAUTHORIZED", event: "count" });
    const later = s.stream("count", { n: 3 });
    expect(await within(later.ack)).toMatchObject({ code: "UNAUTHORIZED", event: "count" });
  });
});
