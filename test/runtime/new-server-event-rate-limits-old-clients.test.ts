import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { client, connected, errorLog, sleep, startServer, until } from "../support/util.js";
import { chatV1, chatV1_1 } from "../support/chat-releases.js";

describe("a server one release ahead of its clients (an additive change)", () => {
  it("does not rate-limit an old client for the reports of the new events it cannot read", async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    // A burst of 100 events, then one a second: what each socket may send.
    const server = bindServer(chatV1_1, io, {
      onError: log.onError,
      rateLimit: { eventsPerSecond: 1, burst: 100 },
    });
    const chat = server.of("/chat");
    chat.on("connection", (socket) => {
      socket.on("message:send", (text) => ({ id: text }));
    });
    const old = bindClient(chatV1, "/chat", client(url, "/chat"));
    const refused: string[] = [];
    old.onError((error) => void refused.push(`${error.code}:${error.event}`));
    await connected(old.socket);

    // A busy room's reactions: more than the client's burst in a short while.
    const REACTIONS = 150;
    for (let i = 0; i < REACTIONS; i++) chat.emit("reaction", { emoji: "👍" });
    await until(() => refused.length === REACTIONS, 10_000);
    expect(new Set(refused)).toEqual(new Set(["UNKNOWN_EVENT:reaction"]));
    await sleep(200); // the client's reports reach the server

    // The old client's own calls are still served, and the server heard of the event it could not
    // read, once for the connection (unknown-event-flood-reported-once.test.ts).
    await expect(old.emit("message:send", "hi")).resolves.toEqual({ id: "hi" });
    expect(log.errors.filter((e) => e.code === "UNKNOWN_EVENT").map((e) => e.event)).toEqual(["reaction"]);
    // The default version policy admitted the old client and said so.
    expect(log.errors.filter((e) => e.code !== "UNKNOWN_EVENT").map((e) => e.code)).toEqual(["CONTRACT_MISMATCH"]);
  });
});
