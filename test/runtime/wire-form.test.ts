import { defineContract } from "@socket-contract/contract";
import { bindClient } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, next, rawAck, sleep, startServer, until } from "../support/util.js";

const User = z.object({ id: z.string(), name: z.string() });
const contract = defineContract({
  name: "wire",
  version: "1.0.0",
  namespaces: {
    "/": {
      clientToServer: {
        "user:get": { args: [z.string()], ack: User },
        "user:get-transformed": {
          args: [z.string()],
          ack: z.object({ id: z.string() }).transform((user) => ({ ...user, seen: true })),
        },
        "scores:set": { args: [z.record(z.string(), z.number())], ack: z.number() },
        echo: { args: [z.unknown()], ack: z.unknown() },
        count: { args: [z.number()] },
        "user:fail": { args: [], ack: z.null(), errors: { NOT_FOUND: z.object({ id: z.string() }) } },
      },
      serverToClient: { user: { args: [User] } },
    },
  },
});

async function setup() {
  const { io, url } = await startServer();
  const server = bindServer(contract, io, { onError: () => {} });
  const counted: number[] = [];
  server.of("/").on("connection", (socket) => {
    const row = { id: "u1", name: "Ann", passwordHash: "$2b$10$secret" };
    socket.on("user:get", () => row);
    socket.on("user:get-transformed", () => row);
    socket.on("scores:set", (scores) => Object.keys(scores).length);
    socket.on("echo", (value) => value);
    socket.on("count", (n) => void counted.push(n));
    socket.on("user:fail", async () => {
      const { ContractError } = await import("@socket-contract/server");
      throw new ContractError("NOT_FOUND", { data: { id: "u9", internalShard: 7 } as { id: string } });
    });
  });
  return { io, url, server, counted };
}

describe("what travels on the wire", () => {
  it("sends only the declared keys of an ack, an emit and an error's data, so a database row's secrets stay home", async () => {
    const { url, server } = await setup();
    const raw = client(url, "/");
    await connected(raw);
    const answer = await rawAck(raw, "user:get", "u1");
    expect(answer).toEqual({ ok: true, data: { id: "u1", name: "Ann" } });
    const failed = await rawAck(raw, "user:fail");
    expect(failed).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "NOT_FOUND", data: { id: "u9" } } });
    const pushed = next<[unknown]>(raw, "user");
    server.of("/").emit("user", { id: "u1", name: "Ann", passwordHash: "x" } as never);
    expect((await pushed)[0]).toEqual({ id: "u1", name: "Ann" });
  });

  it("sends a value as given where its schema transforms, since the output may not be valid input", async () => {
    const { url } = await setup();
    const raw = client(url, "/");
    expect(await rawAck(raw, "user:get-transformed", "u1")).toEqual({
      ok: true,
      data: { id: "u1", name: "Ann", passwordHash: "$2b$10$secret" },
    });
    const bound = bindClient(contract, "/", client(url, "/"));
    expect(await bound.emit("user:get-transformed", "u1")).toEqual({ id: "u1", seen: true });
  });

  it("does not echo record keys the sender chose in issue paths", async () => {
    const { url } = await setup();
    const raw = client(url, "/");
    const answer = await rawAck(raw, "scores:set", { "<script>alert(1)</script>": "ten" });
    expect(answer.error).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: [0, "*"], code: "invalid_type" }] });
    expect(JSON.stringify(answer)).not.toContain("script");
  });

  it("answers HANDLER_ERROR at once when the ack cannot be encoded, instead of leaving the sender to time out", async () => {
    const { url } = await setup();
    const raw = client(url, "/");
    await connected(raw);
    // Written as a raw Socket.IO packet: no client encoder could send this much nesting either.
    const depth = 100_000;
    const answers: string[] = [];
    raw.io.engine.on("packet", (packet: { type: string; data?: unknown }) => {
      if (packet.type === "message" && typeof packet.data === "string" && packet.data.startsWith("3"))
        answers.push(packet.data);
    });
    const started = Date.now();
    raw.io.engine.write(`27["echo",${"[".repeat(depth)}${"]".repeat(depth)}]`);
    await until(() => answers.length === 1, 4_000);
    expect(answers).toEqual(['37[{"ok":false,"error":{"code":"HANDLER_ERROR","message":"The handler failed."}}]']);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("delivers an ack-less event once under socket.io-client's retries, even without ackTimeout", async () => {
    const { url, counted } = await setup();
    const bound = bindClient(contract, "/", client(url, "/", { retries: 3 }), { ackTimeout: 500 });
    await connected(bound.socket);
    for (let n = 1; n <= 5; n++) bound.emit("count", n);
    await until(() => counted.length >= 5);
    await sleep(700);
    expect(counted).toEqual([1, 2, 3, 4, 5]);
  });
});
