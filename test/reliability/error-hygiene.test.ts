import { ContractError, bindServer } from "@socket-contract/server";
import type { Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { client, connected, errorLog, next, startServer } from "../support/util.js";
import { hygieneContract } from "./fixtures/hygiene-contract.js";

/** What must never reach a client: the input's secret, a file path, a stack frame, an internal error's text. */
const LEAK = /SECRET|\/srv\/|\.[cm]?[jt]s:\d|\n\s+at |TypeError|password/;

/** A wire error carries a code, a message and issues (and `event` in a report), each issue a path, a code and a message: nothing else. */
function expectClean(error: unknown): void {
  expect(JSON.stringify(error)).not.toMatch(LEAK);
  const { code, message, issues, event, ...rest } = error as Record<string, unknown>;
  expect(rest).toEqual({});
  expect(typeof code).toBe("string");
  expect(typeof message).toBe("string");
  expect(event === undefined || typeof event === "string").toBe(true);
  for (const issue of (issues as Record<string, unknown>[] | undefined) ?? [])
    expect(Object.keys(issue).sort()).toEqual(["code", "message", "path"]);
}

async function start() {
  const { io, url } = await startServer({ transports: ["websocket"] });
  const log = errorLog();
  const server = bindServer(hygieneContract, io, {
    onError: log.onError,
    rateLimit: { eventsPerSecond: 1, burst: 40 },
  });
  const h = server.of("/h");
  h.use((socket) => {
    const { token } = socket.auth;
    if (token === "tok_boom") throw new Error("SECRET user lookup failed in /srv/app/users.ts:12");
    if (token === "tok_string") throw "SECRET plain string";
    if (token === "tok_reject") return Promise.reject(new TypeError("SECRET at /srv/app/auth.js:3"));
    socket.data.role = (token === "tok_baddata" ? "SECRET-role" : "user") as "user";
  });
  h.on("connection", (socket) => {
    socket.on("check", () => ({ ok: true }));
    socket.on("fail", (kind) => {
      switch (kind) {
        case "throw-error":
          throw new Error("SECRET db password rejected at /srv/app/db.ts:42");
        case "throw-string":
          throw "SECRET string";
        case "throw-object":
          throw { message: "SECRET", stack: "Error: SECRET\n    at handler (/srv/app/x.js:1:1)" };
        case "reject":
          return Promise.reject(new TypeError("SECRET reject at /srv/app/y.ts:9"));
        case "undeclared-code":
          throw new ContractError("SECRET_CODE", { message: "SECRET message", data: { secret: "SECRET" } });
        case "bad-error-data":
          throw new ContractError("QUOTA", { message: "SECRET quota", data: { left: "SECRET" } });
        case "bad-ack":
          return { ok: "SECRET" } as never;
        default:
          return { ok: true };
      }
    });
    socket.on("fail:quietly", () => {
      throw new Error("SECRET quiet failure at /srv/app/z.ts:1");
    });
  });
  const connect = async (token: string) => {
    const raw = client(url, "/h", { auth: { token } });
    await connected(raw);
    return raw;
  };
  return { url, connect, errors: log.errors };
}

const ack = (raw: ClientSocket, event: string, ...args: unknown[]) => raw.timeout(2_000).emitWithAck(event, ...args);

/** One failing value per kind of schema, each holding the secret. */
const invalidFields: Record<string, unknown> = {
  email: "SECRET@",
  slug: "SECRET",
  short: "SECRET",
  mode: "SECRET",
  exact: "SECRET",
  count: "SECRET",
  when: "SECRET",
  link: "SECRET",
  id: "SECRET",
  either: "SECRET",
  shape: { kind: "SECRET" },
  strict: { known: "x", SECRET: "SECRET" },
  scores: { a: "SECRET" },
  list: ["SECRET"],
  parsed: "SECRET",
};

describe("error hygiene: nothing internal and nothing of the input reaches a client", () => {
  it("refuses every kind of invalid field with issues that quote nothing of the input", async () => {
    const { connect } = await start();
    const raw = await connect("tok_a");
    for (const [field, value] of Object.entries(invalidFields)) {
      const answer = await ack(raw, "check", { [field]: value });
      expect(answer.ok, field).toBe(false);
      expect(answer.error.code, field).toBe("INVALID_PAYLOAD");
      expectClean(answer.error);
    }
    // The transform's thrown text stays on the server.
    expect((await ack(raw, "check", { parsed: "SECRET" })).error.issues).toEqual([
      { path: [0], code: "custom", message: "The value could not be parsed" },
    ]);
  });

  it("answers every handler failure with a generic HANDLER_ERROR or INVALID_ACK, and keeps the cause for onError", async () => {
    const { connect, errors } = await start();
    const raw = await connect("tok_a");
    const expected: Record<string, string> = {
      "throw-error": "HANDLER_ERROR",
      "throw-string": "HANDLER_ERROR",
      "throw-object": "HANDLER_ERROR",
      reject: "HANDLER_ERROR",
      "undeclared-code": "HANDLER_ERROR",
      "bad-error-data": "HANDLER_ERROR",
      "bad-ack": "INVALID_ACK",
    };
    for (const [kind, code] of Object.entries(expected)) {
      const answer = await ack(raw, "fail", kind);
      expect(answer, kind).toMatchObject({ ok: false, error: { code } });
      expectClean(answer.error);
      if (code === "HANDLER_ERROR") expect(answer.error).toEqual({ code, message: "The handler failed." });
    }
    raw.emit("fail:quietly", "x");
    const [report] = await next<[unknown]>(raw, "contract:error");
    expect(report).toEqual({ event: "fail:quietly", code: "HANDLER_ERROR", message: "The handler failed." });
    // The server's own log still has what happened.
    expect(errors.filter((error) => error.code === "HANDLER_ERROR").every((error) => error.cause !== undefined)).toBe(
      true,
    );
  });

  it("keeps protocol refusals free of input: unknown events, missing acks, arity, rate limits", async () => {
    const { connect } = await start();
    const raw = await connect("tok_a");
    const reports: unknown[] = [];
    raw.on("contract:error", (report) => reports.push(report));
    expectClean((await ack(raw, "SECRET-event", "SECRET")).error);
    expectClean((await ack(raw, "check", { short: "x" }, "SECRET-extra")).error);
    expectClean((await ack(raw, "fail")).error);
    raw.emit("check", { short: "SECRET" });
    raw.emit("fail:quietly", "SECRET", "SECRET");
    // An event name is the one piece of input a report names, so the sender knows what was refused; it is capped.
    raw.emit(`event-${"x".repeat(10_000)}`);
    await next(raw, "contract:error");
    for (let index = 0; index < 60; index++) raw.emit("fail:quietly", "SECRET");
    const limited = await ack(raw, "check", { short: "SECRET" });
    expect(limited.error.code).toBe("RATE_LIMITED");
    expectClean(limited.error);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (const report of reports as { event: string }[]) {
      expect(report.event.length).toBeLessThanOrEqual(200);
      expectClean({ ...report, event: report.event.startsWith("event-") ? "long" : report.event });
    }
  });

  it("refuses a connection with UNAUTHORIZED or the failing check's code, and nothing about why", async () => {
    const { url, connect, errors } = await start();
    const refusal = async (token: string) => {
      const raw = client(url, "/h", { auth: { token } });
      const [error] = await next<[Error & { data?: unknown }]>(raw, "connect_error");
      return { message: error.message, data: error.data };
    };
    const unauthorized = {
      message: "The connection was refused.",
      data: { code: "UNAUTHORIZED", message: "The connection was refused." },
    };
    expect(await refusal("SECRET-token")).toEqual(unauthorized);
    expect(await refusal("tok_boom")).toEqual(unauthorized);
    expect(await refusal("tok_string")).toEqual(unauthorized);
    expect(await refusal("tok_reject")).toEqual(unauthorized);
    expect(await refusal("tok_baddata")).toEqual({
      message: "The handler failed.",
      data: { code: "HANDLER_ERROR", message: "The handler failed." },
    });
    // onError still sees every refusal, with its cause.
    expect(errors.map((error) => error.code)).toEqual([
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "HANDLER_ERROR",
    ]);
    await connect("tok_fine");
  });
});
