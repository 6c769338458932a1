import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { client, connected, onCleanup, startServer } from "../support/util.js";

// socket.io-client's own `ackTimeout` option is "the default timeout used when waiting for an
// acknowledgement", and with `retries` the time each try waits. A bound client ignored it: with
// io(url, { ackTimeout: 100 }) its emits still waited 10 s, and with `retries` it never retried.

/**
 * A chat server whose message:send calls that `hangs` picks (by their number, from 1) wait until a
 * call that does not hang arrives, or the test ends (at most 5 s), before they answer.
 */
async function hangingChat(hangs: (call: number) => boolean): Promise<{ url: string; received: string[] }> {
  const { io, url } = await startServer();
  const chat = bindServer(contract, io).of("/chat");
  const received: string[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    const bound = setTimeout(resolve, 5_000);
    release = () => {
      clearTimeout(bound);
      resolve();
    };
  });
  onCleanup(() => release());
  chat.use((socket) => {
    socket.data.userId = socket.auth.token;
  });
  chat.on("connection", (socket) => {
    socket.on("message:send", async ({ room, text }) => {
      received.push(text);
      const call = received.length;
      if (hangs(call)) await released;
      else release();
      return { id: `${call}`, room, text, at: 1 };
    });
  });
  return { url, received };
}

describe("socket.io-client's ackTimeout option under a bound client", () => {
  it("is the default timeout of the bound client's acked emits", async () => {
    const { url, received } = await hangingChat(() => true);
    const socket = client(url, "/chat", { auth: { token: "ann" }, ackTimeout: 100 });
    const chat = bindClient(contract, "/chat", socket);
    await connected(socket);
    await expect(chat.emit("message:send", { room: "lobby", text: "hi" })).rejects.toMatchObject({ code: "TIMEOUT" });
    expect(received).toEqual(["hi"]);
  });

  it("is how long each try waits under retries: an unanswered try is sent again and answered once", async () => {
    const { url, received } = await hangingChat((call) => call === 1);
    const socket = client(url, "/chat", { auth: { token: "ann" }, ackTimeout: 100, retries: 2 });
    const chat = bindClient(contract, "/chat", socket);
    await connected(socket);
    expect(await chat.emit("message:send", { room: "lobby", text: "hi" })).toMatchObject({ id: "2", text: "hi" });
    expect(received).toEqual(["hi", "hi"]);
  });

  it("gives way to the bound client's own ackTimeout and to timeout(ms)", async () => {
    const { url, received } = await hangingChat(() => true);
    const socket = client(url, "/chat", { auth: { token: "ann" }, ackTimeout: 60_000 });
    const chat = bindClient(contract, "/chat", socket, { ackTimeout: 100 });
    await connected(socket);
    await expect(chat.emit("message:send", { room: "lobby", text: "a" })).rejects.toMatchObject({ code: "TIMEOUT" });
    await expect(chat.timeout(100).emit("message:send", { room: "lobby", text: "b" })).rejects.toMatchObject({
      code: "TIMEOUT",
    });
    expect(received).toEqual(["a", "b"]);
  });
});
