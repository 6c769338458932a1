import { Parser } from "@asyncapi/parser";
// The YAML reader the AsyncAPI parser itself uses (through Spectral).
import { parse as parseYaml } from "@stoplight/yaml";
import { type Contract, defineContract } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildAsyncApi } from "../../src/asyncapi/build-asyncapi.js";
import { renderAsyncApi } from "../../src/asyncapi/render-asyncapi.js";
import { wireContract } from "../../src/asyncapi/wire-contract.js";
import * as codegenChat from "../fixtures/chat/contract.js";
import * as chatExample from "../fixtures/chat-app.js";
import * as chatArktype from "../fixtures/chat-arktype/contract.js";
import * as chatValibot from "../fixtures/chat-valibot/contract.js";
import * as constructs from "../fixtures/constructs/contract.js";
import * as options from "../fixtures/options/contract.js";
import * as streamFixture from "../fixtures/stream-contract.js";
import * as tenants from "../fixtures/tenants/contract.js";
import * as kitchenSink from "./fixtures/kitchen-sink.js";

// Every contract fixture of the generator's tests (constructs holds every Zod type, Dates, bigints,
// Sets and custom checks among them); test/tooling/fixtures-in-sync.test.ts checks test/fixtures' own.
const fixtures: [string, Record<string, unknown> & { contract: Contract }][] = [
  ["codegen fixture chat-app (the chat example's contract)", chatExample],
  ["kitchen-sink", kitchenSink],
  ["codegen fixture chat", codegenChat],
  ["codegen fixture constructs", constructs],
  ["codegen fixture options", { ...options, contract: options.api }],
  ["codegen fixture streams", { ...streamFixture, contract: streamFixture.streamContract }],
  // Other Standard Schema libraries, read from their own JSON Schema.
  ["codegen fixture chat-valibot", chatValibot],
  ["codegen fixture chat-arktype", chatArktype],
  // Dynamic namespaces: a channel per pattern, with its parameters.
  ["codegen fixture tenants", tenants],
];

// Spectral's severities: 0 error, 1 warning, 2 information, 3 hint. The parser takes seconds per
// document (it runs Spectral's whole ruleset), hence the longer timeouts below.
const parser = new Parser();
async function parse(text: string) {
  const { document, diagnostics } = await parser.parse(text);
  return {
    document,
    problems: diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} ${d.message} at ${d.path.join(".")}`),
  };
}

/** Every schema object of the document, with where it is. */
function schemasOf(document: Record<string, any>): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  const walk = (schema: unknown, where: string): void => {
    if (typeof schema !== "object" || schema === null) return;
    found.push([where, schema as Record<string, unknown>]);
    const s = schema as Record<string, any>;
    for (const key of ["items", "additionalProperties", "not", "propertyNames"])
      if (!Array.isArray(s[key])) walk(s[key], `${where}.${key}`);
    for (const key of ["anyOf", "oneOf", "allOf", "items"])
      if (Array.isArray(s[key])) s[key].forEach((child: unknown, i: number) => walk(child, `${where}.${key}[${i}]`));
    for (const [name, child] of Object.entries(s.properties ?? {})) walk(child, `${where}.properties.${name}`);
  };
  for (const [channelId, channel] of Object.entries<any>(document.channels)) {
    for (const [id, message] of Object.entries<any>(channel.messages)) walk(message.payload, `${channelId}.${id}`);
  }
  for (const [name, schema] of Object.entries(document.components.schemas)) walk(schema, `components.${name}`);
  return found;
}

describe("socket-contract asyncapi", () => {
  it.each(fixtures)(
    "%s: the official AsyncAPI parser accepts the YAML and the JSON with no error or warning",
    async (_name, module) => {
      for (const format of ["yaml", "json"] as const) {
        const { document, problems } = await parse(renderAsyncApi(module.contract, format, { exports: module }));
        expect(problems).toEqual([]);
        expect(document?.info().title()).toBe(module.contract.name);
        expect(document?.info().version()).toBe(module.contract.version);
      }
    },
    60_000,
  );

  it.each(fixtures)("%s: YAML and JSON carry the same document, the same bytes every time", (_name, module) => {
    const yaml = parseYaml(renderAsyncApi(module.contract, "yaml", { exports: module }));
    const json = JSON.parse(renderAsyncApi(module.contract, "json", { exports: module }));
    expect(yaml).toEqual(json);
    expect(json).toEqual(buildAsyncApi(module.contract, { exports: module }));
    expect(renderAsyncApi(module.contract, "yaml", { exports: module })).toBe(
      renderAsyncApi(module.contract, "yaml", { exports: module }),
    );
  });

  it.each(fixtures)(
    "%s: no payload or shared schema is empty: every argument, ack and error has a shape",
    (_name, module) => {
      const empty = schemasOf(buildAsyncApi(module.contract, { exports: module })).filter(
        ([, schema]) => Object.keys(schema).filter((key) => key !== "description" && key !== "title").length === 0,
      );
      expect(empty.map(([where]) => where)).toEqual([]);
    },
  );

  it("maps namespaces to channels, events to messages and operations, acks to replies", async () => {
    const document = buildAsyncApi(chatExample.contract, { exports: chatExample }) as Record<string, any>;
    expect(Object.keys(document.channels)).toEqual(["chat"]);
    const chat = document.channels.chat;
    expect(chat.address).toBe("/chat");
    // "typing" goes both ways with different arguments: two messages.
    expect(chat.messages.typingFromClient.name).toBe("typing");
    expect(chat.messages.typingFromServer.payload.items).toHaveLength(3);
    expect(chat.messages.typingFromClient.payload).toEqual({
      type: "array",
      items: [{ $ref: "#/components/schemas/RoomName" }, { type: "boolean" }],
      minItems: 2,
      maxItems: 2,
      additionalItems: false,
      description: "The 2 arguments, in order.",
    });
    expect(chat.messages.roomList.payload).toEqual({ type: "array", maxItems: 0, description: "No arguments." });
    const send = document.operations["chat.receive.messageSend"];
    expect(send).toMatchObject({
      action: "receive",
      title: "message:send",
      summary: "Post a message to a room the sender has joined.",
    });
    expect(send.reply.messages).toEqual([{ $ref: "#/channels/chat/messages/messageSendAck" }]);
    expect(document.operations["chat.send.ping"].reply.messages).toEqual([
      { $ref: "#/channels/chat/messages/pingAck" },
    ]);
    expect(document.operations["chat.send.message"].reply).toBeUndefined();
    const { document: parsed } = await parse(JSON.stringify(document));
    expect(
      parsed!
        .operations()
        .get("chat.receive.messageSend")!
        .reply()!
        .messages()
        .all()
        .map((m) => m.id()),
    ).toEqual(["messageSendAck"]);
  }, 60_000);

  it("describes acks as an envelope whose error is a custom code with its data, or a built-in one", () => {
    const document = buildAsyncApi(chatExample.contract, { exports: chatExample }) as Record<string, any>;
    const [ok, failed] = document.channels.chat.messages.roomJoinAck.payload.oneOf;
    expect(ok.properties.ok).toEqual({ type: "boolean", const: true });
    expect(ok.properties.data.properties.history).toEqual({
      type: "array",
      items: { $ref: "#/components/schemas/Message" },
    });
    const [roomFull, builtIn] = failed.properties.error.oneOf;
    expect(roomFull.properties.code).toEqual({ type: "string", const: "ROOM_FULL" });
    expect(roomFull.properties.data.required).toEqual(["room", "capacity"]);
    expect(builtIn).toEqual({ $ref: "#/components/schemas/BuiltInError" });
    expect(document.components.schemas.BuiltInError.properties.code.enum).toContain("INVALID_PAYLOAD");
    // FORBIDDEN answers an event an interceptor refused; UNAUTHORIZED refuses a connection, so it is not here.
    expect(document.components.schemas.BuiltInError.properties.code.enum).toContain("FORBIDDEN");
    expect(document.components.schemas.BuiltInError.properties.code.enum).not.toContain("UNAUTHORIZED");
  });

  it("renders binary as a binary string with its byte limits, the handshake auth, and every description", () => {
    const document = buildAsyncApi(chatExample.contract, { exports: chatExample }) as Record<string, any>;
    const upload = document.channels.chat.messages.fileUpload.payload.properties.bytes;
    expect(upload).toMatchObject({ type: "string", format: "binary", minLength: 1, maxLength: 2_000_000 });
    expect(document.channels.chat["x-socketio-handshake"].auth).toEqual({ $ref: "#/components/schemas/ChatAuth" });
    expect(document.components.schemas.ChatAuth).toMatchObject({
      description: "The display name a person picks before joining.",
      properties: { name: { type: "string", minLength: 1, maxLength: 32 } },
    });
    expect(document.components.schemas.Member.properties.away.description).toBe(
      "True when the person's tab has been idle or hidden for a while.",
    );
    expect(document.components.schemas.RoomName).toMatchObject({
      type: "string",
      description: "A room's name, such as `general`.",
    });
    expect(document.info["x-socket-contract"].fingerprint).toMatch(/^fnv1a64:/);
  });

  it("gives examples only when they pass the contract's own schemas", () => {
    const document = buildAsyncApi(kitchenSink.contract, { exports: kitchenSink }) as Record<string, any>;
    const board = document.channels.board.messages;
    expect(board.metaSet.examples).toEqual([{ name: "example", payload: [{ title: "title" }, "ann@example.com"] }]);
    expect(board.imageUpload.examples).toBeUndefined();
    for (const [, message] of Object.entries<any>(board)) {
      for (const example of message.examples ?? []) expect(example.payload).not.toBeUndefined();
    }
  });

  it("shares exported and recursive schemas by name, and names the main namespace", () => {
    const document = buildAsyncApi(kitchenSink.contract, { exports: kitchenSink }) as Record<string, any>;
    expect(document.components.schemas.Folder.properties.children.items).toEqual({
      $ref: "#/components/schemas/Folder",
    });
    expect(document.channels.main.address).toBe("/");
    expect(document.channels.serverToServer.address).toBeNull();
    expect(Object.keys(document.operations).filter((id) => id.startsWith("serverToServer."))).toEqual([
      "serverToServer.send.cacheInvalidate",
      "serverToServer.receive.cacheInvalidate",
      "serverToServer.send.countUsers",
      "serverToServer.receive.countUsers",
    ]);
    // Without the module's exports, a recursive schema is still shared, under a name from its place.
    const anonymous = buildAsyncApi(kitchenSink.contract) as Record<string, any>;
    expect(anonymous.channels.main.messages.treePut.payload).toEqual({ $ref: "#/components/schemas/MainTreePutArg0" });
  });

  it("gives a dynamic namespace a channel with its parameters in the address, their enum, and their checks in words", () => {
    const document = buildAsyncApi(tenants.contract, { exports: tenants }) as Record<string, any>;
    const channels = Object.values<any>(document.channels);
    const org = channels.find((channel) => channel.title === "/org/:orgId");
    expect(org.address).toBe("/org/{orgId}");
    expect(org.parameters.orgId.description).toContain(
      "matching /^[a-z0-9-]{1,40}$/, checked by the namespace's `params` schema",
    );
    expect(channels.find((channel) => channel.title === "/admin/:section").parameters).toEqual({
      section: { description: expect.any(String), enum: ["billing", "users"] },
    });
    expect(
      Object.keys(channels.find((channel) => channel.title === "/doc/:docId/comments/:thread").parameters),
    ).toEqual(["docId", "thread"]);
  });

  it("approximates a type JSON Schema has no word for, says so in the schema, and lists the place", () => {
    const dated = defineContract({
      name: "d",
      version: "1",
      namespaces: {
        "/": { clientToServer: { at: { args: [z.object({ when: z.date(), tags: z.set(z.string()) })] } } },
      },
    });
    const payload = (buildAsyncApi(dated) as Record<string, any>).channels.main.messages.at.payload;
    expect(payload.properties.when).toMatchObject({ type: "string", format: "date-time", "x-zod-type": "date" });
    expect(payload.properties.tags).toMatchObject({
      type: "array",
      uniqueItems: true,
      items: { type: "string" },
      "x-zod-type": "set",
    });
    expect(wireContract(dated).warnings.map((warning) => warning.message)).toEqual([
      'namespaces["/"].clientToServer["at"].args[0] at when: A Date. JSON sends it as an ISO 8601 string, which z.date() refuses: it needs a Socket.IO parser that keeps it (such as msgpack).',
      'namespaces["/"].clientToServer["at"].args[0] at tags: A Set, shown as an array of distinct items: JSON sends a Set as {}; it needs a Socket.IO parser that keeps it (such as msgpack).',
    ]);
    expect(wireContract(chatExample.contract, { exports: chatExample }).warnings).toEqual([]);
  });

  it("describes a stream's frames: contract:open with its header and arguments, items each way, the end with the ack envelope, credit and cancel", () => {
    const document = buildAsyncApi(streamFixture.streamContract, { exports: streamFixture }) as Record<string, any>;
    const messages = document.channels.s.messages;
    expect(messages.count.name).toBe("contract:open");
    expect(messages.count.payload.items[0].properties.event).toEqual({ type: "string", const: "count" });
    expect(messages.count.payload.items[1].properties.n).toMatchObject({ type: "integer" });
    expect(messages.countItem).toMatchObject({
      name: "contract:item",
      payload: { items: [{ type: "integer" }, { properties: { i: { type: "integer" } } }] },
    });
    const [ok, failed] = messages.countEnd.payload.items[1].oneOf;
    expect(ok.properties.data.properties.total).toEqual({ type: "number" });
    expect(failed.properties.error.oneOf[0].properties.code).toEqual({ type: "string", const: "TOO_MANY" });
    // An upload: the open carries the arguments before the streamOf() one; its items go the other way.
    expect(messages.upload.payload.items).toHaveLength(2);
    expect(messages.uploadUploadItem.payload.items[1]).toMatchObject({
      type: "string",
      format: "binary",
      maxLength: 65_536,
    });
    expect(messages.uploadItem).toBeUndefined();
    // No ack: the end carries no data.
    expect(messages.endlessEnd.payload.items[1].oneOf[0].properties.data).toBeUndefined();
    expect(document.operations["s.receive.count"].messages).toEqual([{ $ref: "#/channels/s/messages/count" }]);
    expect(document.operations["s.send.countItem"].action).toBe("send");
    expect(document.operations["s.send.progress"].action).toBe("send");
    expect(document.operations["s.receive.progressItem"].action).toBe("receive");
    expect(messages.contractCredit.name).toBe("contract:credit");
    expect(messages.contractCancel.name).toBe("contract:cancel");
    expect(document.info.description).toContain("contract:open");
  });
});
