import { bindClient, type ContractError } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { contract } from "../fixtures/chat-contract.js";
import { startChat } from "../support/chat-server.js";
import { client, connected, sleep, until } from "../support/util.js";

describe("errors on the client's side", () => {
  it("hands contract:error reports to onError, typed", async () => {
    const { url } = await startChat();
    const raw = client(url, "/chat", { auth: { token: "ann" } });
    const bound = bindClient(contract, "/chat", raw);
    const seen: ContractError[] = [];
    bound.onError((error) => seen.push(error));
    await connected(raw);
    raw.emit("typing", "lobby", "not a boolean");
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({
      code: "INVALID_PAYLOAD",
      event: "typing",
      namespace: "/chat",
      issues: [{ path: [1] }],
    });
  });

  it("refuses invalid server-to-client events: the handler never runs, onError sees it, and the server is told", async () => {
    const { url, chat, errors } = await startChat();
    const bound = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    const seen: string[] = [];
    const handled: unknown[] = [];
    bound.onError((error) => seen.push(`${error.code}:${error.event}`));
    bound.on("message", (message) => void handled.push(message));
    bound.on("ping", () => "pong" as const);
    await connected(bound.socket);
    // The raw namespace bypasses the server's outgoing check, as an outdated server would.
    chat.raw.emit("message", { id: 1 });
    chat.raw.emit("surprise", 1);
    const answers = await chat.raw.timeout(500).emitWithAck("ping", "unexpected argument");
    await until(() => seen.length === 3 && errors.length === 2);
    expect(seen).toEqual(["INVALID_PAYLOAD:message", "UNKNOWN_EVENT:surprise", "INVALID_PAYLOAD:ping"]);
    expect(answers).toMatchObject([{ ok: false, error: { code: "INVALID_PAYLOAD" } }]);
    expect(handled).toEqual([]);
    expect(errors.map((e) => `${e.code}:${e.event}`)).toEqual(["INVALID_PAYLOAD:message", "UNKNOWN_EVENT:surprise"]);
  });

  it("removes handlers with the returned function, off() and once()", async () => {
    const { url, chat } = await startChat();
    const bound = bindClient(contract, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    await connected(bound.socket);
    const got: string[] = [];
    const stop = bound.on("notice", (text) => void got.push(`on:${text}`));
    bound.once("notice", (text) => void got.push(`once:${text}`));
    chat.emit("notice", "1");
    await until(() => got.length === 2);
    stop();
    chat.emit("notice", "2");
    await sleep(30);
    expect(got).toEqual(["on:1", "once:1"]);
    expect(() => bound.on("ping", () => "pong" as const)).not.toThrow();
    expect(() => bound.on("ping", () => "pong" as const)).toThrow(/takes one handler/);
  });
});
