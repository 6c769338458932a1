import { instrument } from "@socket.io/admin-ui";
import { bindClient } from "@socket-contract/client";
import { expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, next } from "../support/util.js";

interface AdminSocket {
  id: string;
  nsp: string;
  rooms: string[];
  data: { userId?: string };
}

it("the official admin UI's instrument() sees a bound server's namespaces, sockets and rooms", async () => {
  const { io, url } = await startChat();
  instrument(io, { auth: false, mode: "development" });
  const ann = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
  await connected(ann.socket);
  expect(await ann.emit("room:join", "lobby")).toEqual({ members: 1 });

  // What the admin UI's web page receives when it connects to the admin namespace.
  const admin = client(url, "/admin");
  const [stats, [sockets]] = await Promise.all([
    next<[{ namespaces: { name: string; socketsCount: number }[] }]>(admin, "server_stats"),
    next<[AdminSocket[]]>(admin, "all_sockets"),
  ]);
  expect(stats[0].namespaces).toEqual(expect.arrayContaining([{ name: "/chat", socketsCount: 1 }]));
  const seen = sockets.find((socket) => socket.nsp === "/chat")!;
  expect(seen.id).toBe(ann.socket.id);
  expect(seen.rooms.sort()).toEqual([ann.socket.id, "lobby"].sort());
  expect(seen.data.userId).toBe("user-ann");

  // The bound socket still works under the admin UI's instrumentation, its data typed and checked.
  expect(await ann.emit("message:send", { room: "lobby", text: "hi" })).toMatchObject({ room: "lobby", text: "hi" });
});
