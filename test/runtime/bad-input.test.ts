import { describe, expect, it } from "vitest";
import { startChat } from "../support/chat-server.js";
import { client, connected, next, rawAck, sleep } from "../support/util.js";

/**
 * A raw socket.io-client (no runtime, so nothing is checked before sending) sends what a hostile or
 * outdated client could; the server must answer with a typed error, never call the handler with
 * invalid data, and stay up.
 */
for (const transport of ["websocket", "polling"] as const) {
  describe(`bad input over ${transport}`, () => {
    async function setup() {
      const chat = await startChat();
      const raw = client(chat.url, "/chat", { auth: { token: "ann" }, transports: [transport] });
      await connected(raw);
      return { ...chat, raw };
    }

    it("answers wrong types with INVALID_PAYLOAD and issue paths starting at the argument index, echoing no input", async () => {
      const { raw, calls, errors } = await setup();
      const answer = await rawAck(raw, "message:send", { room: 42, text: "s3cret-input" });
      expect(answer).toEqual({
        ok: false,
        error: {
          code: "INVALID_PAYLOAD",
          message: "The event's arguments do not match the contract.",
          issues: [
            { path: [0, "room"], code: "invalid_type", message: "Invalid input: expected string, received number" },
          ],
        },
      });
      expect(JSON.stringify(answer)).not.toContain("s3cret");
      expect(calls).toEqual([]);
      expect(errors).toMatchObject([
        { code: "INVALID_PAYLOAD", event: "message:send", namespace: "/chat", socketId: raw.id },
      ]);
    });

    it("refuses fewer and more arguments than declared", async () => {
      const { raw, calls } = await setup();
      const fewer = await rawAck(raw, "optional:arg", "only-one");
      expect(fewer.error).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [1], code: "missing_argument" }] });
      const more = await rawAck(raw, "message:send", { room: "r", text: "t" }, "extra");
      expect(more.error).toMatchObject({
        code: "INVALID_PAYLOAD",
        issues: [{ path: [1], code: "too_many_arguments" }],
      });
      raw.emit("typing", "lobby");
      const [report] = await next<[unknown]>(raw, "contract:error");
      expect(report).toMatchObject({
        event: "typing",
        code: "INVALID_PAYLOAD",
        issues: [{ path: [1], code: "missing_argument" }],
      });
      expect(calls).toEqual([]);
    });

    it("reports an invalid event without ack through contract:error", async () => {
      const { raw, calls } = await setup();
      raw.emit("typing", "lobby", "yes");
      const [report] = await next<[unknown]>(raw, "contract:error");
      expect(report).toEqual({
        event: "typing",
        code: "INVALID_PAYLOAD",
        message: "The event's arguments do not match the contract.",
        issues: [{ path: [1], code: "invalid_type", message: "Invalid input: expected boolean, received string" }],
      });
      expect(calls).toEqual([]);
    });

    it("reports MISSING_ACK when an ack-bearing event comes without a callback, or with a non-function in its place", async () => {
      const { raw, calls } = await setup();
      raw.emit("message:send", { room: "r", text: "t" });
      const [first] = await next<[unknown]>(raw, "contract:error");
      expect(first).toMatchObject({ event: "message:send", code: "MISSING_ACK" });
      raw.emit("message:send", { room: "r", text: "t" }, "not-a-function");
      const [second] = await next<[unknown]>(raw, "contract:error");
      expect(second).toMatchObject({ event: "message:send", code: "MISSING_ACK" });
      expect(calls).toEqual([]);
    });

    it("answers unknown events with UNKNOWN_EVENT, through the ack or contract:error, for own keys only", async () => {
      const { raw } = await setup();
      expect((await rawAck(raw, "nope", 1)).error).toMatchObject({ code: "UNKNOWN_EVENT" });
      for (const name of ["toString", "__proto__", "constructor", "hasOwnProperty"]) {
        expect((await rawAck(raw, name, {})).error.code).toBe("UNKNOWN_EVENT");
      }
      raw.emit("nope");
      const [report] = await next<[unknown]>(raw, "contract:error");
      expect(report).toMatchObject({ event: "nope", code: "UNKNOWN_EVENT" });
    });

    it("answers a contract:error report sent with an ack callback through that callback: no such event", async () => {
      const { raw, errors } = await setup();
      const report = { event: "typing", code: "INVALID_PAYLOAD", message: "bogus" };
      expect((await rawAck(raw, "contract:error", report)).error).toMatchObject({ code: "UNKNOWN_EVENT" });
      expect(errors).toMatchObject([{ code: "UNKNOWN_EVENT", event: "contract:error", namespace: "/chat" }]);
    });

    it("strips __proto__ and constructor keys so they never reach a prototype", async () => {
      const { raw, calls } = await setup();
      const hostile = JSON.parse(
        '{"room":"r","text":"t","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      );
      const answer = await rawAck(raw, "message:send", hostile);
      expect(answer.ok).toBe(true);
      const settings = await rawAck(raw, "settings:set", JSON.parse('{"a":"1","__proto__":{"polluted":"yes"}}'));
      expect(settings).toEqual({ ok: true, data: { keys: ["a"] } });
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      const seen = calls.find((call) => call.event === "settings:set")!.args[0] as object;
      expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
      expect((seen as { polluted?: unknown }).polluted).toBeUndefined();
    });

    it("refuses binary over maxBytes before the handler runs", async () => {
      const { raw, calls } = await setup();
      const answer = await rawAck(raw, "avatar:upload", { name: "big.png", bytes: Buffer.alloc(1025) });
      expect(answer.error).toMatchObject({
        code: "INVALID_PAYLOAD",
        issues: [{ path: [0, "bytes"], code: "too_big", message: "Expected at most 1024 bytes" }],
      });
      const notBinary = await rawAck(raw, "avatar:upload", { name: "x", bytes: "AAAA" });
      expect(notBinary.error).toMatchObject({
        code: "INVALID_PAYLOAD",
        issues: [{ path: [0, "bytes"], code: "custom" }],
      });
      expect(calls).toEqual([]);
    });

    it("turns a throwing or rejecting handler into HANDLER_ERROR with a generic message and no internal text", async () => {
      const { server, url, errors } = await startChat();
      server.of("/chat").on("connection", (socket) => {
        socket.off("message:send").on("message:send", () => {
          throw new Error("db password is hunter2 at /srv/app/db.ts:12");
        });
        socket.off("room:join").on("room:join", async () => {
          await sleep(1);
          throw new TypeError("internal detail");
        });
        socket.off("typing").on("typing", () => {
          throw new Error("typing broke");
        });
      });
      const raw = client(url, "/chat", { auth: { token: "ann" }, transports: [transport] });
      const thrown = await rawAck(raw, "message:send", { room: "r", text: "t" });
      expect(thrown).toEqual({ ok: false, error: { code: "HANDLER_ERROR", message: "The handler failed." } });
      const rejected = await rawAck(raw, "room:join", "lobby");
      expect(rejected).toEqual({ ok: false, error: { code: "HANDLER_ERROR", message: "The handler failed." } });
      raw.emit("typing", "lobby", true);
      const [report] = await next<[unknown]>(raw, "contract:error");
      expect(report).toEqual({ event: "typing", code: "HANDLER_ERROR", message: "The handler failed." });
      expect(errors.map((e) => e.code)).toEqual(["HANDLER_ERROR", "HANDLER_ERROR", "HANDLER_ERROR"]);
      expect((errors[0]!.cause as Error).message).toContain("hunter2");
    });

    it("refuses an invalid ack from a handler with INVALID_ACK, and an undeclared error code with HANDLER_ERROR", async () => {
      const { server, url, errors } = await startChat();
      server.of("/chat").on("connection", (socket) => {
        socket.off("message:send").on("message:send", () => ({ id: 1 }) as never);
        socket.off("room:join").on("room:join", async () => {
          const { ContractError } = await import("@socket-contract/server");
          throw new ContractError("NOT_DECLARED", { data: { secret: 1 } });
        });
      });
      const raw = client(url, "/chat", { auth: { token: "ann" }, transports: [transport] });
      const invalidAck = await rawAck(raw, "message:send", { room: "r", text: "t" });
      expect(invalidAck.error.code).toBe("INVALID_ACK");
      expect(invalidAck.error.issues[0]).toMatchObject({ path: ["id"], code: "invalid_type" });
      const undeclared = await rawAck(raw, "room:join", "lobby");
      expect(undeclared).toEqual({ ok: false, error: { code: "HANDLER_ERROR", message: "The handler failed." } });
      expect(errors.map((e) => e.code)).toEqual(["INVALID_ACK", "HANDLER_ERROR"]);
    });

    it("keeps serving other clients after every kind of bad input, with no unhandled rejection", async () => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown) => rejections.push(reason);
      process.on("unhandledRejection", onRejection);
      try {
        const { raw, url, calls } = await setup();
        const junk: unknown[][] = [
          [],
          [null],
          [undefined],
          [1, 2, 3],
          [{ room: "r", text: "x".repeat(2001) }],
          [{ room: ["r"], text: {} }],
          [Buffer.alloc(10)],
          [JSON.parse('{"__proto__":1}')],
        ];
        for (const event of ["message:send", "typing", "avatar:upload", "unknown", "contract:error", "__proto__"]) {
          for (const args of junk) {
            raw.emit(event, ...args);
            raw.emit(event, ...args, () => {});
          }
        }
        await sleep(100);
        const other = client(url, "/chat", { auth: { token: "bob" }, transports: [transport] });
        const ok = await rawAck(other, "message:send", { room: "r", text: "still up" });
        expect(ok).toMatchObject({ ok: true, data: { text: "still up" } });
        expect(raw.connected).toBe(true);
        expect(
          calls.filter((c) => c.event !== "message:send" || (c.args[0] as { text: string }).text !== "still up"),
        ).toEqual([]);
        await sleep(20);
        expect(rejections).toEqual([]);
      } finally {
        process.off("unhandledRejection", onRejection);
      }
    });
  });
}
