import { bindClient } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, sleep, until } from "../support/util.js";

async function setup(names: string[]) {
  const chat = await startChat();
  const inbox = new Map<string, string[]>();
  const clients = new Map<string, ReturnType<typeof bindClient<typeof contract, "/chat">>>();
  for (const name of names) {
    const bound = bindClient(contract, "/chat", client(chat.url, "/chat", { auth: { token: name } }));
    await connected(bound.socket);
    inbox.set(name, []);
    bound.on("notice", (text) => void inbox.get(name)!.push(text));
    clients.set(name, bound);
  }
  const socketOf = (name: string) =>
    [...chat.chat.raw.sockets.values()]
      .map((raw) => chat.chat.socketOf(raw)!)
      .find((s) => s.data.userId === `user-${name}`)!;
  return { ...chat, inbox, clients, socketOf };
}

describe("rooms and broadcasts", () => {
  it("sends to a room, to several rooms, except a room, and to everyone", async () => {
    const { chat, inbox, clients, socketOf } = await setup(["ann", "bob", "cat"]);
    expect(await clients.get("ann")!.emit("room:join", "red")).toEqual({ members: 1 });
    expect(await clients.get("bob")!.emit("room:join", "red")).toEqual({ members: 2 });
    await socketOf("cat").join("blue");
    chat.to("red").emit("notice", "to red");
    chat.in(["red", "blue"]).emit("notice", "to red and blue");
    chat.except("red").emit("notice", "except red");
    chat.emit("notice", "to all");
    await until(() => inbox.get("cat")!.length === 3 && inbox.get("ann")!.length === 3);
    await sleep(20);
    expect(inbox.get("ann")).toEqual(["to red", "to red and blue", "to all"]);
    expect(inbox.get("bob")).toEqual(["to red", "to red and blue", "to all"]);
    expect(inbox.get("cat")).toEqual(["to red and blue", "except red", "to all"]);
  });

  it("broadcasts from a socket to everyone else, and to its rooms without itself; leave stops delivery", async () => {
    const { inbox, socketOf } = await setup(["ann", "bob", "cat"]);
    const ann = socketOf("ann");
    await ann.join("red");
    await socketOf("bob").join("red");
    ann.broadcast.emit("notice", "from ann to all others");
    ann.to("red").emit("notice", "from ann to red");
    await until(() => inbox.get("bob")!.length === 2);
    await socketOf("bob").leave("red");
    ann.to("red").emit("notice", "nobody else in red");
    await sleep(30);
    expect(inbox.get("ann")).toEqual([]);
    expect(inbox.get("bob")).toEqual(["from ann to all others", "from ann to red"]);
    expect(inbox.get("cat")).toEqual(["from ann to all others"]);
  });

  it("joins, leaves and disconnects sockets in bulk, and fetches sockets with typed data", async () => {
    const { chat, inbox, clients } = await setup(["ann", "bob"]);
    chat.socketsJoin("all");
    chat.to("all").emit("notice", "joined");
    await until(() => inbox.get("bob")!.length === 1);
    const fetched = await chat.in("all").fetchSockets();
    expect(fetched.map((s) => s.data.userId).sort()).toEqual(["user-ann", "user-bob"]);
    fetched[0]!.emit("notice", "direct");
    await until(() => [...inbox.values()].flat().length === 3);
    chat.socketsLeave("all");
    expect(await chat.in("all").fetchSockets()).toEqual([]);
    chat.disconnectSockets(true);
    await until(() => [...clients.values()].every((c) => !c.socket.connected));
  });

  it("chains arrays of rooms and the namespace's own modifiers as Socket.IO does: compress(false) was missing", async () => {
    const { chat, inbox, socketOf } = await setup(["ann", "bob", "cat"]);
    await socketOf("ann").join(["red", "blue"]);
    await socketOf("bob").join("blue");
    await socketOf("cat").join(["green", "red"]);
    chat.to(["red", "blue"]).except(["green"]).emit("notice", "red or blue, not green");
    chat.in("red").to("green").except("blue").emit("notice", "red or green, not blue");
    chat.except("red").except("blue").emit("notice", "in neither");
    socketOf("ann").except(["blue"]).emit("notice", "not ann, not blue");
    chat.compress(false).to("green").emit("notice", "green, uncompressed");
    chat.local.compress(false).emit("notice", "all, local, uncompressed");
    await until(() => [...inbox.values()].flat().length === 8);
    await sleep(20);
    expect(inbox.get("ann")).toEqual(["red or blue, not green", "all, local, uncompressed"]);
    expect(inbox.get("bob")).toEqual(["red or blue, not green", "all, local, uncompressed"]);
    expect(inbox.get("cat")).toEqual([
      "red or green, not blue",
      "not ann, not blue",
      "green, uncompressed",
      "all, local, uncompressed",
    ]);
    expect(() => chat.compress(false).emit("notice", 1 as never)).toThrow(
      expect.objectContaining({ code: "INVALID_PAYLOAD" }),
    );
  });

  it("validates a broadcast once, throwing at the call site when the payload is wrong, and sends nothing", async () => {
    const { chat, inbox } = await setup(["ann"]);
    expect(() => chat.emit("notice", 42 as never)).toThrow(expect.objectContaining({ code: "INVALID_PAYLOAD" }));
    expect(() => chat.to("x").emit("message", { id: 1 } as never)).toThrow(
      expect.objectContaining({
        code: "INVALID_PAYLOAD",
        issues: expect.arrayContaining([expect.objectContaining({ path: [0, "id"] })]),
      }),
    );
    expect(() => (chat.emit as (event: string) => void)("nope")).toThrow(
      expect.objectContaining({ code: "UNKNOWN_EVENT" }),
    );
    await sleep(30);
    expect(inbox.get("ann")).toEqual([]);
  });
});
