import { bindClient } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { type BoundSocket, bindServer } from "@socket-contract/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, errorLog, next, onCleanup, rawAck, sleep, startServer, until } from "../support/util.js";
import { rawWebSocket } from "./support/raw-engine.js";

/**
 * What bad-input.test.ts and malformed-packets.test.ts leave out: `__proto__`, `constructor` and
 * `prototype` where they are not payload keys (namespace parameters, handshake auth, a client's
 * answer to a server's ack), a server's ack answered twice, with no envelope or with no array, and
 * event names Socket.IO itself treats specially. After each, Object.prototype is clean and a
 * bystander's traffic was all answered.
 */
const contract = defineContract({
  name: "hostile",
  version: "1.0.0",
  namespaces: {
    "/h": {
      auth: z.object({ token: z.string() }),
      clientToServer: {
        echo: { args: [z.string()], ack: z.string() },
        whoami: { args: [], ack: z.object({ auth: z.record(z.string(), z.unknown()), clean: z.boolean() }) },
      },
      serverToClient: {
        ask: { args: [], ack: z.object({ answer: z.string() }) },
        settings: { args: [], ack: z.record(z.string(), z.string()) },
      },
    },
    "/doc/:docId": { clientToServer: { whoami: { args: [], ack: z.unknown() } } },
    "/org/:orgId": {
      params: z.object({ orgId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
      clientToServer: { whoami: { args: [], ack: z.unknown() } },
    },
  },
});

const HOSTILE = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}';

function expectNoPollution(): void {
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
  expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
}

/** A bound server, and a bound bystander client that keeps sending acked events the whole time. */
async function setup() {
  const { io, url } = await startServer({ transports: ["websocket"] });
  const log = errorLog();
  const server = bindServer(contract, io, { onError: log.onError, ackTimeout: 5_000 });
  const sockets = new Map<string, BoundSocket<typeof contract, "/h">>();
  server.of("/h").on("connection", (socket) => {
    sockets.set(socket.auth.token, socket);
    socket.on("echo", (text) => text);
    socket.on("whoami", () => ({
      auth: socket.auth as Record<string, unknown>,
      clean: Object.getPrototypeOf(socket.auth) === Object.prototype,
    }));
  });
  for (const pattern of ["/doc/:docId", "/org/:orgId"] as const)
    server.of(pattern).on("connection", (socket) => {
      socket.on("whoami", () => ({
        params: socket.params,
        keys: Object.keys(socket.params),
        clean: Object.getPrototypeOf(socket.params) === Object.prototype,
      }));
    });
  const bystander = bindClient(contract, "/h", client(url, "/h", { auth: { token: "bystander" } }));
  await connected(bystander.socket);
  let sent = 0;
  let answered = 0;
  let running = true;
  const traffic = (async () => {
    while (running && sent < 10_000) {
      const text = `m${sent++}`;
      if ((await bystander.timeout(5_000).emit("echo", text)) === text) answered++;
      // Paced well under the default rate limit (100 a second), which is not what this file tests.
      await sleep(20);
    }
  })();
  onCleanup(() => {
    running = false;
    return traffic.catch(() => {});
  });
  /** Stops the bystander's traffic and checks that every call it made was answered, and nothing was polluted. */
  const nothingLost = async () => {
    await until(() => answered > 3);
    running = false;
    await traffic;
    expect(answered).toBe(sent);
    expect(bystander.socket.connected).toBe(true);
    expectNoPollution();
  };
  return { url, sockets, errors: log.errors, nothingLost };
}

/** A raw WebSocket on `/h` with the token given, and the bound server socket it became. */
async function rawOnH(setupResult: Awaited<ReturnType<typeof setup>>, token: string) {
  const hostile = await rawWebSocket(setupResult.url, { namespace: "/h", auth: { token } });
  await until(() => setupResult.sockets.has(token));
  return { hostile, socket: setupResult.sockets.get(token)! };
}

/** Waits for the server's `ask`/`settings` to reach the raw socket, and returns the ack id to answer. */
async function askedId(hostile: Awaited<ReturnType<typeof rawWebSocket>>): Promise<string> {
  const packet = await hostile.nextText("42/h,");
  return /^42\/h,(\d+)\[/.exec(packet)![1]!;
}

describe("hostile keys where they are not payload keys", () => {
  it("namespace parameters named like prototype keys are plain strings, and a params schema judges them like any other", async () => {
    const { url, nothingLost } = await setup();
    for (const id of ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"]) {
      const doc = client(url, `/doc/${id}`);
      await connected(doc);
      expect(await rawAck(doc, "whoami"), id).toEqual({
        ok: true,
        data: { params: { docId: id }, keys: ["docId"], clean: true },
      });
      // The params schema allows lower-case letters only: "constructor" and "prototype" are tenants like "acme".
      const org = client(url, `/org/${id}`);
      if (/^[a-z]+$/.test(id)) {
        await connected(org);
        expect((await rawAck(org, "whoami")).data, id).toEqual({ params: { orgId: id }, keys: ["orgId"], clean: true });
      } else {
        const [refusal] = await next<[Error & { data: unknown }]>(org, "connect_error");
        expect(refusal.data, id).toMatchObject({ code: "INVALID_PAYLOAD", issues: [{ path: ["orgId"] }] });
      }
    }
    await nothingLost();
  });

  it("handshake auth with __proto__, constructor and prototype keys is parsed by the auth schema: only its keys remain", async () => {
    const { url, nothingLost } = await setup();
    for (const auth of [
      JSON.parse(`{"token":"t1",${HOSTILE.slice(1)}`),
      JSON.parse(`{"token":"t2","~contract":${HOSTILE}}`),
      JSON.parse(`{"token":"t3","~contract":{"name":"hostile","version":"1","fingerprint":"x",${HOSTILE.slice(1)}}`),
    ]) {
      const raw = client(url, "/h", { auth });
      await connected(raw);
      expect(await rawAck(raw, "whoami")).toEqual({ ok: true, data: { auth: { token: auth.token }, clean: true } });
    }
    await nothingLost();
  });

  it("a client's answer to a server's ack with prototype keys: unknown keys stripped, records keep plain own keys only", async () => {
    const setupResult = await setup();
    const { hostile, socket } = await rawOnH(setupResult, "proto-answer");
    const asked = socket.emit("ask");
    hostile.ws.send(`43/h,${await askedId(hostile)}[{"ok":true,"data":{"answer":"a",${HOSTILE.slice(1)}}]`);
    const answer = await asked;
    expect(answer).toEqual({ answer: "a" });
    expect(Object.getPrototypeOf(answer)).toBe(Object.prototype);
    const settings = socket.emit("settings");
    hostile.ws.send(`43/h,${await askedId(hostile)}[{"ok":true,"data":{"a":"1","__proto__":{"polluted":"1"}}}]`);
    const record = await settings;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(["a"]);
    expect((record as { polluted?: unknown }).polluted).toBeUndefined();
    await setupResult.nothingLost();
  });
});

describe("a server's acks answered wrongly by a raw client", () => {
  it("answered twice: the first answer counts, once; the second is dropped", async () => {
    const setupResult = await setup();
    const { hostile, socket } = await rawOnH(setupResult, "twice");
    const resolved: unknown[] = [];
    const asked = socket.emit("ask").then((value) => resolved.push(value));
    const id = await askedId(hostile);
    hostile.ws.send(`43/h,${id}[{"ok":true,"data":{"answer":"first"}}]`);
    hostile.ws.send(`43/h,${id}[{"ok":true,"data":{"answer":"second"}}]`);
    await asked;
    // The connection is still good: the next ask is answered as usual.
    const again = socket.emit("ask");
    hostile.ws.send(`43/h,${await askedId(hostile)}[{"ok":true,"data":{"answer":"third"}}]`);
    expect(await again).toEqual({ answer: "third" });
    expect(resolved).toEqual([{ answer: "first" }]);
    await setupResult.nothingLost();
  });

  it("answered with no envelope, an empty array or several arguments: INVALID_ACK, or the envelope when it comes first", async () => {
    const setupResult = await setup();
    const { hostile, socket } = await rawOnH(setupResult, "shapes");
    for (const [body, expected] of [
      ["[]", { code: "INVALID_ACK", message: "The acknowledgement is not an envelope." }],
      ['[{"answer":"bare"}]', { code: "INVALID_ACK", message: "The acknowledgement is not an envelope." }],
      ["[null]", { code: "INVALID_ACK", message: "The acknowledgement is not an envelope." }],
      ['[{"ok":false}]', { code: "INVALID_ACK", message: "The acknowledgement carries a malformed error." }],
    ] as const) {
      const asked = socket.emit("ask").catch((error: unknown) => error);
      hostile.ws.send(`43/h,${await askedId(hostile)}${body}`);
      expect(await asked, body).toMatchObject(expected);
    }
    const asked = socket.emit("ask");
    hostile.ws.send(`43/h,${await askedId(hostile)}[{"ok":true,"data":{"answer":"a"}},"extra"]`);
    expect(await asked).toEqual({ answer: "a" });
    await setupResult.nothingLost();
  });

  for (const [name, frames] of [
    ["an ack whose payload is not an array", (id: string) => [`43/h,${id}{"ok":true,"data":{"answer":"a"}}`]],
    ["an ack whose payload is a string", (id: string) => [`43/h,${id}"pong"`]],
    [
      "a binary ack whose placeholder points past its attachments",
      (id: string) => [`461-/h,${id}[{"ok":true,"data":{"answer":{"_placeholder":true,"num":3}}}]`, Buffer.from([1])],
    ],
  ] as const) {
    it(`answered with ${name}: that connection is closed and the server's emit rejects with DISCONNECTED at once`, async () => {
      const setupResult = await setup();
      const { hostile, socket } = await rawOnH(setupResult, "closing");
      const started = Date.now();
      const asked = socket.emit("ask").catch((error: unknown) => error);
      for (const frame of frames(await askedId(hostile))) hostile.ws.send(frame);
      await hostile.closed;
      expect(await asked).toMatchObject({ code: "DISCONNECTED", event: "ask" });
      expect(Date.now() - started).toBeLessThan(2_000);
      await setupResult.nothingLost();
    });
  }
});

describe("event names Socket.IO treats specially", () => {
  it('"error" and other names that are not reserved on the wire get UNKNOWN_EVENT, through the ack or contract:error', async () => {
    const { url, errors, nothingLost } = await setup();
    const raw = client(url, "/h", { auth: { token: "names" } });
    await connected(raw);
    for (const name of ["error", "prototype", "__defineGetter__", "valueOf"])
      expect((await rawAck(raw, name, JSON.parse(HOSTILE))).error.code, name).toBe("UNKNOWN_EVENT");
    raw.emit("error", "x");
    const [report] = await next<[unknown]>(raw, "contract:error");
    expect(report).toEqual({
      event: "error",
      code: "UNKNOWN_EVENT",
      message: "The event is not part of the contract.",
    });
    expect(raw.connected).toBe(true);
    expect(errors.filter((error) => error.code === "UNKNOWN_EVENT")).toHaveLength(5);
    await nothingLost();
  });
});
