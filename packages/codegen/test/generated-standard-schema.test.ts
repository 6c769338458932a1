import { ContractError } from "@socket-contract/contract";
import type { Server } from "socket.io";
import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { client, connected, startServer } from "./support/sockets.js";
import * as arktypeClient from "./fixtures/chat-arktype/golden/chat/client.js";
import * as arktypeServer from "./fixtures/chat-arktype/golden/chat/server.js";
import * as arktypeRoot from "./fixtures/chat-arktype/golden/server.js";
import * as valibotClient from "./fixtures/chat-valibot/golden/chat/client.js";
import * as valibotServer from "./fixtures/chat-valibot/golden/chat/server.js";
import * as valibotRoot from "./fixtures/chat-valibot/golden/server.js";

// The generated wrappers of the chat written with Valibot and with ArkType, against a real Socket.IO
// server and client: the runtime validates through each library, the wrappers are typed from its JSON Schema.

type Handlers = valibotServer.ChatHandlers & arktypeServer.ChatHandlers;

const handlers: Handlers = {
  "message:send": (socket, { room, text }) => {
    if (room === "full") throw new ContractError("ROOM_FULL", { data: { capacity: 2 } });
    return { id: socket.data.userId, room, text, at: 1 };
  },
  "avatar:upload": (_socket, { name }, bytes) => ({ url: `${name}:${bytes.byteLength}` }),
  "settings:set": (_socket, settings) => Object.keys(settings.flags).length + settings.position[0],
  "thread:post": () => true,
  history: async function* (_socket, room) {
    yield { id: "m1", room, text: "first", at: 1 };
    yield { id: "m2", room, text: "second", at: 2 };
    return { count: 2 };
  },
  "notes:send": async (_socket, notes) => {
    let count = 0;
    for await (const note of notes) count += note.length;
    return count;
  },
  typing: () => undefined,
};

const cases = [
  {
    library: "valibot",
    serve: (io: Server) =>
      valibotServer
        .implement(valibotRoot.bindContractServer(io), handlers)
        .use((socket) => void (socket.data.userId = `user-${socket.auth.token}`)),
    bindClient: (socket: Socket) => valibotClient.bindChatClient(socket),
  },
  {
    library: "arktype",
    serve: (io: Server) =>
      arktypeServer
        .implement(arktypeRoot.bindContractServer(io), handlers)
        .use((socket) => void (socket.data.userId = `user-${socket.auth.token}`)),
    bindClient: (socket: Socket): valibotClient.ChatClient | arktypeClient.ChatClient =>
      arktypeClient.bindChatClient(socket),
  },
];

describe.each(cases)("generated wrappers of the $library chat over real sockets", ({ serve, bindClient }) => {
  async function setup() {
    const { io, url } = await startServer();
    serve(io);
    const app = bindClient(client(url, "/chat", { auth: { token: "t" } }));
    await connected(app.socket);
    return app;
  }

  it("round-trips an acked event, binary beside the library's schemas, and a nested record and tuple", async () => {
    const app = await setup();
    await expect(app.messageSend({ room: "lobby", text: "hi" })).resolves.toEqual({
      id: "user-t",
      room: "lobby",
      text: "hi",
      at: 1,
    });
    await expect(app.avatarUpload({ name: "me.png" }, new Uint8Array(3))).resolves.toEqual({ url: "me.png:3" });
    const settings = {
      flags: { a: true, b: false },
      theme: "dark",
      status: null,
      position: [10, 20],
      contact: "me@example.com",
    } as const;
    await expect(app.settingsSet({ ...settings, position: [10, 20] })).resolves.toBe(12);
    await expect(app.threadPost({ title: "root", replies: [{ title: "reply", replies: [] }] })).resolves.toBe(true);
  });

  it("refuses bad arguments locally with INVALID_PAYLOAD and issue paths from the argument's index", async () => {
    const app = await setup();
    const error = await app.messageSend({ room: "lobby", text: "" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "INVALID_PAYLOAD" });
    expect((error as ContractError).issues?.[0]?.path).toEqual([0, "text"]);
  });

  it("a custom error reaches the caller with its typed data", async () => {
    const app = await setup();
    await expect(app.messageSend({ room: "full", text: "hi" })).rejects.toMatchObject({
      code: "ROOM_FULL",
      data: { capacity: 2 },
    });
  });

  it("streams items both ways through the library's schemas", async () => {
    const app = await setup();
    const history = app.history("lobby");
    const texts: string[] = [];
    for await (const message of history) texts.push(message.text);
    expect(texts).toEqual(["first", "second"]);
    await expect(history.ack).resolves.toEqual({ count: 2 });
    await expect(app.notesSend(["ab", "cde"]).ack).resolves.toBe(5);
  });
});
