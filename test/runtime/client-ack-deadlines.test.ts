import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { client, connected, startServer } from "../support/util.js";

// The Node client times out all of a socket's acks on one timer (ack-deadlines.ts), where
// socket.io-client sets one per call: what a caller sees must be the same.

/** A chat server whose message:send answers after the delay the message's text names, in ms. */
async function slowChat(): Promise<{ url: string; received: string[] }> {
  const { io, url } = await startServer();
  const chat = bindServer(contract, io).of("/chat");
  const received: string[] = [];
  chat.use((socket) => {
    socket.data.userId = socket.auth.token;
  });
  chat.on("connection", (socket) => {
    socket.on("message:send", async ({ room, text }) => {
      received.push(text);
      await new Promise((resolve) => setTimeout(resolve, Number(text)));
      return { id: text, room, text, at: 1 };
    });
  });
  return { url, received };
}

describe("the client's ack deadlines", () => {
  it("times out each pending call after its own timeout, in deadline order, while the others are answered", async () => {
    const { url } = await slowChat();
    const socket = client(url, "/chat", { auth: { token: "ann" } });
    const chat = bindClient(contract, "/chat", socket, { ackTimeout: 5_000 });
    await connected(socket);
    const started = Date.now();
    const settled: string[] = [];
    const call = (text: string, timeout?: number) =>
      (timeout === undefined ? chat : chat.timeout(timeout)).emit("message:send", { room: "lobby", text }).then(
        (message) => settled.push(`${text}: ${message.text}`),
        (error: { code: string }) =>
          settled.push(`${text}: ${error.code} after ${Date.now() - started >= Number(timeout)}`),
      );
    await Promise.all([call("3000", 600), call("3001", 150), call("10"), call("3002", 300), call("20", 1_000)]);
    expect(settled).toEqual([
      "10: 10",
      "20: 20",
      "3001: TIMEOUT after true",
      "3002: TIMEOUT after true",
      "3000: TIMEOUT after true",
    ]);
  });

  it("drops a call buffered while offline from the buffer when it times out, so it is never sent after reconnection", async () => {
    const { url, received } = await slowChat();
    const socket = client(url, "/chat", { auth: { token: "ann" } });
    const chat = bindClient(contract, "/chat", socket, { ackTimeout: 5_000 });
    await connected(socket);
    socket.disconnect();
    const late = chat.timeout(100).emit("message:send", { room: "lobby", text: "1" });
    const kept = chat.emit("message:send", { room: "lobby", text: "2" });
    await expect(late).rejects.toMatchObject({ code: "TIMEOUT", event: "message:send", namespace: "/chat" });
    socket.connect();
    await expect(kept).resolves.toMatchObject({ text: "2" });
    expect(received).toEqual(["2"]);
  });

  it("lets the process exit once its calls are answered and its socket closed, however long their timeout", async () => {
    const { url } = await slowChat();
    // The client in its own process, as a script would use it: the built package, a 60 s timeout.
    const script = `
      import { bindClient } from "@socket-contract/client";
      import { io } from "socket.io-client";
      import { contract } from ${JSON.stringify(fileURLToPath(new URL("../fixtures/chat-contract.ts", import.meta.url)))};
      const socket = io(${JSON.stringify(`${url}/chat`)}, { auth: { token: "ann" }, transports: ["websocket"], reconnection: false });
      const chat = bindClient(contract, "/chat", socket, { ackTimeout: 60_000 });
      const answers = await Promise.all([1, 2, 3].map((n) => chat.emit("message:send", { room: "lobby", text: String(n) })));
      console.log(answers.map((answer) => answer.text).join(","));
      socket.close();
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => child.kill(), 20_000);
      child.on("exit", (exitCode) => {
        clearTimeout(kill);
        resolve(exitCode);
      });
    });
    expect(output.trim()).toBe("1,2,3");
    expect(code).toBe(0);
    // Well under the 60 s the timeout would have held it.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
