import { bindClient } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { startChat } from "../support/chat-server.js";
import { client, connected, onCleanup } from "../support/util.js";
import { contract } from "../fixtures/chat-contract.js";
import { rawPolling, rawWebSocket } from "./support/raw-engine.js";

const DEEP = 100_000;
const deepArray = `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`;
const deepObject = `${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}`;
const placeholder = (num: number) => `{"_placeholder":true,"num":${num}}`;

/**
 * A chat server, and a well-behaved bound client beside the hostile ones: after every hostile
 * packet, the bystander must still be connected and served.
 */
async function setup() {
  const chat = await startChat({ transports: ["websocket", "polling"] });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  onCleanup(() => process.off("unhandledRejection", onUnhandled));
  const socket = client(chat.url, "/chat", { auth: { token: "bystander" } });
  const bystander = bindClient(contract, "/chat", socket);
  let disconnects = 0;
  socket.on("disconnect", () => disconnects++);
  await connected(socket);
  const served = async () => {
    const text = `still here ${Math.random()}`;
    expect(await bystander.timeout(2_000).emit("message:send", { room: "r", text })).toMatchObject({ room: "r", text });
    expect(disconnects).toBe(0);
    expect(unhandled).toEqual([]);
  };
  return { ...chat, served };
}

/** Frames a client library would never send, and what the server does with the connection. */
const closing: [name: string, frames: (string | Buffer)[]][] = [
  ["garbage text", ["hello"]],
  ["an empty frame", [""]],
  ["an unknown Engine.IO packet type", ["9xyz"]],
  ["an unknown Socket.IO packet type", ["49/chat,[]"]],
  ["an event whose payload is not an array", ['42/chat,{"event":"typing"}']],
  ...["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"].map(
    (name): [string, string[]] => [`an event named ${name}, a name Socket.IO reserves`, [`42/chat,["${name}",{}]`]],
  ),
  ...["null", "true", '{"__proto__":1}', '["typing"]'].map((name): [string, string[]] => [
    `an event whose name is ${name}`,
    [`42/chat,[${name},"a",true]`],
  ]),
  ["an ack nobody asked for whose payload is not an array", ['43/chat,99{"ok":true}']],
  ["truncated JSON", ['42/chat,["message:send",{"room":']],
  ["a connect_error, which only a server may send", ['44/chat,{"message":"you failed"}']],
  ["an event to a namespace it never joined", ['42/admin,["typing","a",true]']],
  ["a binary frame nobody announced", [Buffer.from([1, 2, 3])]],
  [
    "a binary event whose attachment never comes",
    [`451-/chat,0["echo:binary",{"nested":{"bytes":${placeholder(0)}}}]`, '42/chat,["typing","a",true]'],
  ],
  [
    "a placeholder past the attachments",
    [`451-/chat,0["echo:binary",{"nested":{"bytes":${placeholder(5)}}}]`, Buffer.from([1])],
  ],
  [
    "more placeholders than the count announced",
    [`451-/chat,0["echo:binary",{"nested":{"bytes":${placeholder(1)}}},${placeholder(0)}]`, Buffer.from([1])],
  ],
  ["too many attachments", [`4511-/chat,0["echo:binary",{"nested":{"bytes":${placeholder(0)}}}]`]],
  ["an attachment count that is no number", [`45x-/chat,0["echo:binary",{}]`]],
  [
    "a 100,000-deep array in a binary event",
    [`451-/chat,0["echo:binary",${deepArray},{"nested":{"bytes":${placeholder(0)}}}]`, Buffer.from([1])],
  ],
  ["a payload over maxHttpBufferSize", [`42/chat,["typing","${"x".repeat(1_100_000)}",true]`]],
];

describe("malformed packets over a raw WebSocket", () => {
  for (const [name, frames] of closing) {
    it(`closes the connection that sends ${name}, and serves everyone else`, async () => {
      const { url, calls, served } = await setup();
      const hostile = await rawWebSocket(url);
      for (const frame of frames) hostile.ws.send(frame);
      await hostile.closed;
      expect(calls).toEqual([]);
      await served();
    });
  }

  it("answers a 100,000-deep array or object with INVALID_PAYLOAD, through the ack or contract:error, and keeps the connection", async () => {
    const { url, calls, served } = await setup();
    const hostile = await rawWebSocket(url);
    hostile.ws.send(`42/chat,7["settings:set",${deepArray}]`);
    const answer = JSON.parse((await hostile.nextText("43/chat,7")).slice("43/chat,7".length));
    expect(answer).toEqual([
      {
        ok: false,
        error: {
          code: "INVALID_PAYLOAD",
          message: "The event's arguments do not match the contract.",
          issues: [{ path: [0], code: "invalid_type", message: "Invalid input: expected record, received array" }],
        },
      },
    ]);
    hostile.ws.send(`42/chat,["typing",${deepObject},true]`);
    const report = JSON.parse((await hostile.nextText('42/chat,["contract:error"')).slice("42/chat,".length));
    expect(report[1]).toMatchObject({
      event: "typing",
      code: "INVALID_PAYLOAD",
      issues: [{ path: [0], code: "invalid_type" }],
    });
    hostile.ws.send('42/chat,8["optional:arg","after",1]');
    expect(await hostile.nextText("43/chat,8")).toBe('43/chat,8[{"ok":true,"data":"after:1"}]');
    expect(calls).toEqual([{ event: "optional:arg", args: ["after", 1] }]);
    await served();
  });

  it("answers an event name that is a number with UNKNOWN_EVENT, and ignores acks and reports it never asked for", async () => {
    const { url, served } = await setup();
    const hostile = await rawWebSocket(url);
    hostile.ws.send("42/chat,[123,1]");
    const report = JSON.parse((await hostile.nextText('42/chat,["contract:error"')).slice("42/chat,".length));
    expect(report[1]).toMatchObject({ event: "123", code: "UNKNOWN_EVENT" });
    hostile.ws.send('43/chat,99[{"ok":true,"data":1}]');
    hostile.ws.send('42/chat,["contract:error",{"code":"X"}]');
    hostile.ws.send('42/chat,9["optional:arg","still",2]');
    expect(await hostile.nextText("43/chat,9")).toBe('43/chat,9[{"ok":true,"data":"still:2"}]');
    await served();
  });
});

describe("malformed packets over raw HTTP long-polling", () => {
  it("ends a session that posts garbage, and serves everyone else", async () => {
    const { url, served } = await setup();
    for (const body of [
      "hello",
      "4\u001e9",
      "49/chat,[]",
      '42/chat,["message:send",{',
      `451-/chat,0["echo:binary",{"nested":{"bytes":${placeholder(3)}}}]\u001ebAQ==`,
    ]) {
      const hostile = await rawPolling(url);
      await hostile.post(body);
      // The session is closed: the pending poll gets Engine.IO's close packet ("1"), and then the
      // session id is unknown; garbage at the Engine.IO level ends it at once.
      let next = await hostile.poll();
      if (next.status === 200) {
        expect(next.body.split("\u001e")).toContain("1");
        next = await hostile.poll();
      }
      expect(next).toEqual({ status: 400, body: '{"code":1,"message":"Session ID unknown"}' });
      await served();
    }
  });

  it("refuses a body over maxHttpBufferSize with 413", async () => {
    const { url, served } = await setup();
    const hostile = await rawPolling(url);
    expect(await hostile.post(`42/chat,["typing","${"x".repeat(1_100_000)}",true]`)).toBe(413);
    await served();
  });

  it("answers a 100,000-deep array with INVALID_PAYLOAD and keeps the session", async () => {
    const { url, served } = await setup();
    const hostile = await rawPolling(url);
    expect(await hostile.post(`42/chat,5["settings:set",${deepArray}]`)).toBe(200);
    const { body } = await hostile.poll();
    expect(body).toMatch(/^43\/chat,5\[\{"ok":false,"error":\{"code":"INVALID_PAYLOAD"/);
    await served();
  });
});
