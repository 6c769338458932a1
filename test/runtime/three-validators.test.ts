import { bindClient, ContractError } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { arktypeChat, valibotChat, zodChat } from "../fixtures/chat-three-ways.js";
import { client, connected, errorLog, next, rawAck, startServer } from "../support/util.js";

type Chat = typeof zodChat;

/**
 * The chat contract written with Zod, Valibot and ArkType passes one shared body over real
 * sockets: round trips, every error code a schema decides, issue paths that start at the argument
 * index and echo no input. The three contracts infer the same types (see the tsd tests), so the
 * body is typed once, by the Zod one.
 */
const contracts: [string, Chat][] = [
  ["Zod", zodChat],
  ["Valibot", valibotChat as unknown as Chat],
  ["ArkType", arktypeChat as unknown as Chat],
];

const SECRET = "s3cr3t-input";

describe.each(contracts)("the chat contract in %s", (_library, contract) => {
  async function setup() {
    const { io, url } = await startServer();
    const log = errorLog();
    const server = bindServer(contract, io, { onError: log.onError, ackTimeout: 1_000 });
    const chat = server.of("/chat");
    const typing: unknown[][] = [];
    const users: string[] = [];
    const sockets: { timeout(ms: number): { emit(event: "ping"): Promise<unknown> } }[] = [];
    chat.use((socket) => {
      socket.data.userId = `user-${socket.auth.token}`;
    });
    chat.on("connection", (socket) => {
      users.push(socket.data.userId);
      sockets.push(socket);
      socket.on("message:send", ({ room, text }) => {
        if (room === "full") throw new ContractError("ROOM_FULL", { data: { capacity: 2 } });
        if (room === "boom") throw new Error(`database down, password ${SECRET}`);
        if (room === "bad-ack") return { id: 1 } as never;
        return { id: "1", room, text, at: 1 };
      });
      socket.on("avatar:upload", (_meta, bytes) => ({ size: bytes.byteLength }));
      socket.on("settings:set", ({ flags }) => Object.keys(flags).length);
      socket.on("typing", (room, isTyping) => {
        typing.push([room, isTyping]);
      });
    });
    const bound = () => {
      const socket = client(url, "/chat", { auth: { token: "ann" } });
      return bindClient(contract, "/chat", socket);
    };
    return { url, server, chat, typing, users, sockets, errors: log.errors, bound };
  }

  it("round-trips an acked event, a broadcast, a server request and an event without ack, binary included", async () => {
    const { chat, typing, users, sockets, bound } = await setup();
    const ann = bound();
    await connected(ann.socket);
    expect(users).toEqual(["user-ann"]);
    expect(await ann.emit("message:send", { room: "lobby", text: "hi" })).toEqual({
      id: "1",
      room: "lobby",
      text: "hi",
      at: 1,
    });
    expect(await ann.emit("avatar:upload", { name: "a.png" }, new Uint8Array([1, 2, 3]))).toEqual({ size: 3 });
    ann.on("ping", () => "pong" as const);
    expect(await sockets[0]!.timeout(1_000).emit("ping")).toBe("pong");
    const received = next<[unknown]>(ann.socket, "message");
    chat.emit("message", { id: "2", room: "lobby", text: "yo", at: 2 });
    expect(await received).toEqual([{ id: "2", room: "lobby", text: "yo", at: 2 }]);
    ann.emit("typing", "lobby", true);
    await expect.poll(() => typing).toEqual([["lobby", true]]);
  });

  it("answers INVALID_PAYLOAD with issue paths from the argument index, echoing no input", async () => {
    const { url, errors } = await setup();
    const raw = client(url, "/chat", { auth: { token: "ann" } });
    await connected(raw);
    const answer = await rawAck(raw, "message:send", { room: 42, text: "" + "", extra: SECRET });
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe("INVALID_PAYLOAD");
    expect(answer.error.issues.map((issue: { path: unknown }) => issue.path).sort()).toEqual([
      [0, "room"],
      [0, "text"],
    ]);
    const record = await rawAck(raw, "settings:set", { flags: { [SECRET]: "yes" } });
    expect(record.error).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [0, "flags", "*"] }] });
    const bytes = await rawAck(raw, "avatar:upload", { name: "a" }, new Uint8Array(17));
    expect(bytes.error).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [1] }] });
    for (const issue of [...answer.error.issues, ...record.error.issues]) {
      expect(typeof issue.code).toBe("string");
      expect(typeof issue.message).toBe("string");
    }
    expect(JSON.stringify([answer, record])).not.toContain(SECRET);
    expect(JSON.stringify(answer)).not.toContain("42");
    expect(errors.map((error) => error.code)).toEqual(["INVALID_PAYLOAD", "INVALID_PAYLOAD", "INVALID_PAYLOAD"]);
  });

  it("refuses bad arguments on the client before sending", async () => {
    const { bound } = await setup();
    const ann = bound();
    await connected(ann.socket);
    const refused = await ann.emit("message:send", { room: "lobby", text: "" }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [0, "text"] }] });
    expect(() => ann.emit("typing", "lobby", "yes" as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD", issues: [expect.objectContaining({ path: [1] })] }),
    );
  });

  it("carries a custom error's typed data, and hides a handler's failure", async () => {
    const { bound, errors } = await setup();
    const ann = bound();
    await connected(ann.socket);
    const full = await ann.emit("message:send", { room: "full", text: "hi" }).catch((error: unknown) => error);
    expect(full).toMatchObject({ code: "ROOM_FULL", data: { capacity: 2 } });
    const boom = await ann.emit("message:send", { room: "boom", text: "hi" }).catch((error: ContractError) => error);
    expect(boom).toMatchObject({ code: "HANDLER_ERROR", message: "The handler failed." });
    expect(JSON.stringify(boom)).not.toContain(SECRET);
    const badAck = await ann.emit("message:send", { room: "bad-ack", text: "hi" }).catch((error: unknown) => error);
    expect(badAck).toMatchObject({ code: "INVALID_ACK" });
    expect(errors.map((error) => error.code)).toEqual(["ROOM_FULL", "HANDLER_ERROR", "INVALID_ACK"]);
  });

  it("answers UNKNOWN_EVENT and MISSING_ACK, and times out a client that does not answer", async () => {
    const { url, sockets } = await setup();
    const raw = client(url, "/chat", { auth: { token: "ann" } });
    await connected(raw);
    expect((await rawAck(raw, "toString")).error.code).toBe("UNKNOWN_EVENT");
    raw.emit("message:send", { room: "lobby", text: "hi" });
    const [report] = await next<[{ code: string }]>(raw, "contract:error");
    expect(report).toMatchObject({ event: "message:send", code: "MISSING_ACK" });
    const socket = sockets[0];
    await expect(socket!.timeout(100).emit("ping")).rejects.toMatchObject({ code: "TIMEOUT" });
    raw.on("ping", (callback: (envelope: unknown) => void) => callback({ ok: true, data: "nope" }));
    await expect(socket!.timeout(1_000).emit("ping")).rejects.toMatchObject({ code: "INVALID_ACK" });
  });

  it("refuses a handshake whose auth fails its schema with UNAUTHORIZED", async () => {
    const { url, users } = await setup();
    const raw = client(url, "/chat", { auth: { token: "" } });
    const error = await connected(raw).catch((refused: { data?: unknown }) => refused);
    expect(error).toMatchObject({ data: { code: "UNAUTHORIZED" } });
    expect(users).toEqual([]);
  });
});
