import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { client, connected, errorLog, next, startServer, until } from "../support/util.js";
import { chatV1, chatV1_1 } from "../support/chat-releases.js";

/**
 * An old client (bound to 1.0.0) under a server one release ahead (1.1.0) that broadcasts the new
 * events at a high rate: before, every copy of every new event made the client warn in its console
 * (the default `onError`) and send the server a `contract:error` report, so every old client flooded
 * its console and the server. Each side now tells its peer, and warns by default, once per unknown
 * event name and connection; an `onError` handler still hears of each.
 */

const unknownWarnings = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map((call) => String(call[0])).filter((line) => line.includes("UNKNOWN_EVENT"));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an old client receiving a new event many times", () => {
  it("reports it to the server and warns once per event name and connection; onError still hears each", {
    timeout: 30_000,
  }, async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { io, url } = await startServer();
    const log = errorLog();
    const chat = bindServer(chatV1_1, io, { onError: log.onError }).of("/chat");
    chat.on("connection", (socket) => {
      socket.on("message:send", (text) => ({ id: text }));
    });
    // One old client keeps the default onError (it warns); the other counts what its handler hears.
    const quiet = bindClient(chatV1, "/chat", client(url, "/chat"));
    let refusals = 0;
    const counting = bindClient(chatV1, "/chat", client(url, "/chat"), {
      interceptors: [{ refused: () => void refusals++ }],
    });
    const heard: string[] = [];
    counting.onError((error) => void heard.push(`${error.code}:${error.event}`));
    await Promise.all([connected(quiet.socket), connected(counting.socket)]);

    const flood = async () => {
      for (let i = 0; i < 100; i++) {
        chat.emit("reaction", { emoji: "+1" });
        chat.emit("poll", `question ${i}`);
      }
      // Packets arrive in order: once the notice is in, so is the flood, and once each client's own
      // call is answered, the server has read every report it sent before.
      const notices = [next(quiet.socket, "notice"), next(counting.socket, "notice")];
      chat.emit("notice", "done");
      await Promise.all(notices);
      await Promise.all([quiet.emit("message:send", "a"), counting.emit("message:send", "b")]);
    };
    await flood();

    expect(unknownWarnings(warn)).toEqual([
      "[socket-contract] UNKNOWN_EVENT on /chat reaction: The event is not part of the contract.",
      "[socket-contract] UNKNOWN_EVENT on /chat poll: The event is not part of the contract.",
    ]);
    expect(heard.filter((code) => code === "UNKNOWN_EVENT:reaction")).toHaveLength(100);
    expect(heard.filter((code) => code === "UNKNOWN_EVENT:poll")).toHaveLength(100);
    // Which client each report came from, by its socket ids (the quiet one gets a new one below).
    const quietIds = [quiet.socket.id];
    const reports = () =>
      log.errors
        .filter((e) => e.code === "UNKNOWN_EVENT")
        .map(
          (e) =>
            `${quietIds.includes(e.socketId) ? "quiet" : e.socketId === counting.socket.id ? "counting" : "?"}:${e.event}`,
        )
        .sort();
    expect(reports()).toEqual(["counting:poll", "counting:reaction", "quiet:poll", "quiet:reaction"]);

    // A new connection is told afresh: once more per event name.
    const before = quiet.socket.id;
    quiet.socket.disconnect();
    quiet.socket.connect();
    await connected(quiet.socket);
    expect(quiet.socket.id).not.toBe(before);
    quietIds.push(quiet.socket.id);
    await flood();
    expect(unknownWarnings(warn)).toHaveLength(4);
    expect(reports().filter((report) => report.startsWith("quiet:"))).toHaveLength(4);
    expect(reports().filter((report) => report.startsWith("counting:"))).toHaveLength(2);
    expect(heard).toHaveLength(400);
    // The interceptors (metrics()) count every copy too.
    expect(refusals).toBe(400);
  });

  it("a server answers a newer client's unknown ack-less event once per name and connection; its onError hears each", {
    timeout: 30_000,
  }, async () => {
    const { io, url } = await startServer();
    const log = errorLog();
    bindServer(chatV1, io, { onError: log.onError })
      .of("/chat")
      .on("connection", (socket) => {
        socket.on("message:send", (text) => ({ id: text }));
      });
    const fresh = bindClient(chatV1_1, "/chat", client(url, "/chat"));
    const heard: string[] = [];
    fresh.onError((error) => void heard.push(`${error.code}:${error.event}`));
    await connected(fresh.socket);

    for (let i = 0; i < 50; i++) fresh.emit("typing", i % 2 === 0);
    await fresh.emit("message:send", "after");
    await until(() => log.errors.filter((e) => e.code === "UNKNOWN_EVENT").length === 50, 5_000);
    // The server's one report has had the time of a round trip to arrive.
    await fresh.emit("message:send", "again");
    expect(heard).toEqual(["UNKNOWN_EVENT:typing"]);
  });
});
