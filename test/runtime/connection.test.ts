import { bindClient, connectErrorOf, ContractError } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { client, connected, errorLog, startServer } from "../support/util.js";

async function refusal(url: string, auth: unknown): Promise<{ message: string; data: unknown }> {
  const socket = client(url, "/chat", { auth: auth as object });
  const error = await connected(socket).then(
    () => undefined,
    (e: { message: string; data: unknown }) => e,
  );
  expect(error).toBeDefined();
  return { message: error!.message, data: error!.data };
}

describe("connections", () => {
  it("refuses a handshake whose auth fails its schema with UNAUTHORIZED, revealing nothing about why", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    bindServer(contract, io, { onError: log.onError });
    const refused = await refusal(url, { token: "" });
    expect(refused).toEqual({
      message: "The connection was refused.",
      data: { code: "UNAUTHORIZED", message: "The connection was refused." },
    });
    expect(await refusal(url, { nothing: 1 })).toEqual(refused);
    expect(log.errors.map((e) => e.code)).toEqual(["UNAUTHORIZED", "UNAUTHORIZED"]);
  });

  it("runs middleware after auth with the parsed auth, and its data reaches the socket", async () => {
    const { io, url } = await startServer();
    const chat = bindServer(contract, io).of("/chat");
    const seen: unknown[] = [];
    chat.use(async (socket) => {
      seen.push(socket.auth);
      socket.data.userId = `user-${socket.auth.token}`;
    });
    chat.on("connection", (socket) => {
      seen.push(socket.data);
    });
    const bound = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "ann", extra: "stripped" } }));
    await connected(bound.socket);
    expect(seen).toEqual([{ token: "ann" }, { userId: "user-ann" }]);
    const [remote] = await chat.fetchSockets();
    expect(remote!.data).toEqual({ userId: "user-ann" });
  });

  it("turns a middleware's plain error into UNAUTHORIZED with no internal text, and keeps a ContractError's code", async () => {
    const { io, url } = await startServer();
    const chat = bindServer(contract, io, { onError: () => {} }).of("/chat");
    chat.use((socket) => {
      if (socket.auth.token === "crash") throw new Error("jwt secret mismatch at verify.ts:10");
      if (socket.auth.token === "banned") throw new ContractError("BANNED", { message: "You are banned." });
      socket.data.userId = socket.auth.token;
    });
    const crashed = await refusal(url, { token: "crash" });
    expect(crashed.data).toEqual({ code: "UNAUTHORIZED", message: "The connection was refused." });
    expect(JSON.stringify(crashed)).not.toContain("jwt");
    const banned = await refusal(url, { token: "banned" });
    expect(banned.data).toEqual({ code: "BANNED", message: "You are banned." });
    const error = connectErrorOf(Object.assign(new Error(banned.message), { data: banned.data }));
    expect(error).toMatchObject({ code: "BANNED", message: "You are banned." });
  });

  it("refuses at once a Socket.IO-style middleware that takes next, which refused every connection in silence", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    const chat = bindServer(contract, io, { onError: log.onError }).of("/chat");
    // Socket.IO's (socket, next) => next(err): TypeScript refuses it; plain JavaScript ran it with no
    // next, and its TypeError became an UNAUTHORIZED refusal, which the default onError does not print.
    const socketIoStyle = (_socket: unknown, next: (error?: Error) => void) => next();
    expect(() => chat.use(socketIoStyle as never)).toThrow(
      "[socket-contract] namespace.use takes (socket) => void | Promise<void>",
    );
    // The contract's way to refuse with data for the client (Socket.IO's next(err) with err.data).
    chat.use(() => {
      throw new ContractError("BANNED", { message: "You are banned.", data: { until: 5 } });
    });
    const refused = await refusal(url, { token: "ann" });
    expect(refused.data).toEqual({ code: "BANNED", message: "You are banned.", data: { until: 5 } });
    expect(log.errors.map((e) => e.code)).toEqual(["BANNED"]);
  });

  it("refuses a connection whose socket.data does not match the contract after middleware", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    const chat = bindServer(contract, io, { onError: log.onError }).of("/chat");
    chat.use(() => {});
    const refused = await refusal(url, { token: "ann" });
    expect(refused.data).toEqual({ code: "HANDLER_ERROR", message: "The handler failed." });
    expect(log.errors.map((e) => e.code)).toEqual(["HANDLER_ERROR"]);
  });

  it("keeps the server up when a connection listener throws, and reports it", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    const chat = bindServer(contract, io, { onError: log.onError }).of("/chat");
    chat.use((socket) => {
      socket.data.userId = "x";
    });
    chat.on("connection", () => {
      throw new Error("listener bug");
    });
    chat.on("connection", async (socket) => {
      socket.on("typing", () => {});
      throw new Error("async listener bug");
    });
    const first = client(url, "/chat", { auth: { token: "a" } });
    await connected(first);
    const second = client(url, "/chat", { auth: { token: "b" } });
    await connected(second);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.errors.map((e) => e.code)).toEqual(["HANDLER_ERROR", "HANDLER_ERROR", "HANDLER_ERROR", "HANDLER_ERROR"]);
  });

  it("refuses to bind a socket to another namespace than the one named", async () => {
    const { url } = await startServer();
    expect(() => bindClient(contract, "/chat", client(url, "/other"))).toThrow(/connected to "\/other"/);
    expect(() => bindClient(contract, "/nope" as "/chat", client(url, "/nope"))).toThrow(
      /"\/nope" matches no namespace of contract/,
    );
  });
});
