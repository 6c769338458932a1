import { type AnySchema, type Contract, contractFingerprint, isZodSchema } from "@socket-contract/contract";
import * as core from "zod/v4/core";
import { BinaryExample, exampleOf } from "./example-value.js";
import { COMPONENTS_PREFIX, type JsonSchema } from "./json-schema.js";
import { type ProtocolNames, ackEnvelope, argumentsPayload, protocolSchemas } from "./protocol-schemas.js";
import { channelParameters } from "./channel-parameters.js";
import { streamFrameMessages, streamMessages } from "./stream-messages.js";
import {
  type WireContract,
  type WireContractOptions,
  type WireEvent,
  type WireNamespace,
  wireContract,
} from "./wire-contract.js";

/** An AsyncAPI 3.0 document as plain JSON data. */
export type AsyncApiDocument = { readonly asyncapi: "3.0.0" } & Record<string, unknown>;

const CONVENTIONS = [
  "This document describes a Socket.IO server. Each channel is a namespace; each message is an event, named by `name`.",
  "`receive` operations are events clients emit, `send` operations are events the server emits.",
  "A message's payload is the event's single argument, or the array of its arguments when it has none or several.",
  "An event with an acknowledgement is answered through Socket.IO's ack callback with the operation's reply: `{ ok: true, data }` or `{ ok: false, error }`.",
  "An event without acknowledgement that the receiver refuses is answered with the event `contract:error`.",
  "An event that streams never travels under its own name: the requester sends `contract:open` with a stream id, the event's name, a credit and the arguments, and an ack callback the responder calls with `{ ok: true }` as it reads the open;",
  "items travel as `contract:item` (id, item) within the credit the receiver grants with `contract:credit` (id, n); the responder ends with `contract:end` (id, the ack envelope);",
  "`contract:cancel` (id) stops a stream. Stream ids are odd when a client opens the stream, even when the server does.",
].join(" ");

/**
 * The AsyncAPI 3.0 document of a contract: a channel per namespace (and one for the events
 * between the server's nodes), a message per event with its arguments' JSON Schema, acks as
 * operation replies with their custom errors, the handshake `auth` schema, and every description.
 * `info.title` is the contract's name and `info.version` its version.
 *
 * @example
 * const document = buildAsyncApi(contract, { exports: await import("./contract.js") });
 * document.info; // { title: "chat", version: "1.0.0", ... }
 */
export function buildAsyncApi(contract: Contract, options: WireContractOptions = {}): AsyncApiDocument {
  const wire = wireContract(contract, options);
  const { names, schemas: protocol } = protocolSchemas((name) => !(name in wire.schemas));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const handshakeSchemas: Record<string, JsonSchema> = {};
  for (const namespace of wire.namespaces) {
    const channel = namespaceChannel(namespace, wire, names, operations);
    if (namespace.auth !== undefined && namespace.auth.$ref === undefined) {
      const name = freeName(
        `${pascal(namespace.id)}Auth`,
        (n) => n in wire.schemas || n in protocol || n in handshakeSchemas,
      );
      handshakeSchemas[name] = namespace.auth;
      channel["x-socketio-handshake"] = handshake({ $ref: COMPONENTS_PREFIX + name }, names);
    } else channel["x-socketio-handshake"] = handshake(namespace.auth, names);
    channels[namespace.id] = channel;
  }
  if (wire.serverToServer.length > 0) {
    const id = freeName("serverToServer", (n) => n in channels);
    channels[id] = eventsChannel(
      id,
      null,
      "Events between the nodes of the server, sent with Socket.IO's serverSideEmit through the adapter.",
      wire.serverToServer,
      wire,
      names,
      operations,
    );
  }
  return {
    asyncapi: "3.0.0",
    info: {
      title: contract.name,
      version: contract.version,
      description: [contract.description, CONVENTIONS].filter(Boolean).join("\n\n"),
      "x-socket-contract": { fingerprint: contractFingerprint(contract) },
    },
    defaultContentType: "application/json",
    channels,
    operations,
    components: { schemas: sortKeys({ ...wire.schemas, ...handshakeSchemas, ...protocol }) },
  };
}

function namespaceChannel(
  namespace: WireNamespace,
  wire: WireContract,
  names: ProtocolNames,
  operations: Record<string, unknown>,
): Record<string, unknown> {
  const description = [namespace.description, `The Socket.IO namespace \`${namespace.path}\`.`]
    .filter(Boolean)
    .join("\n\n");
  // AsyncAPI writes a channel's parameters as `{name}` in its address.
  const address = namespace.path.replace(/\/:([A-Za-z_][A-Za-z0-9_]*)/g, "/{$1}");
  const channel = eventsChannel(
    namespace.id,
    address,
    description,
    [...namespace.clientToServer, ...namespace.serverToClient],
    wire,
    names,
    operations,
  );
  // The title keeps the contract's own key (`/org/:orgId`).
  channel.title = namespace.path;
  if (namespace.params !== undefined) channel.parameters = channelParameters(namespace.params, wire);
  const messages = channel.messages as Record<string, unknown>;
  if (
    [...namespace.clientToServer, ...namespace.serverToClient].some(
      (event) => event.stream !== undefined || event.upload !== undefined,
    )
  ) {
    streamFrameMessages(namespace.id, messages, operations, names, (wanted) => freeName(wanted, (n) => n in messages));
  }
  const id = freeName("contractError", (n) => n in messages);
  messages[id] = {
    name: "contract:error",
    title: "contract:error",
    summary: "Reports a refused event that had no acknowledgement to carry the error.",
    contentType: "application/json",
    payload: { $ref: COMPONENTS_PREFIX + names.report },
  };
  for (const action of ["send", "receive"] as const) {
    operations[`${namespace.id}.${action}.${id}`] = {
      action,
      channel: { $ref: `#/channels/${namespace.id}` },
      title: "contract:error",
      summary:
        action === "send"
          ? "Tells a client that one of its events was refused."
          : "A client tells the server that one of its events was refused.",
      messages: [{ $ref: `#/channels/${namespace.id}/messages/${id}` }],
    };
  }
  return channel;
}

function eventsChannel(
  id: string,
  address: string | null,
  description: string,
  events: readonly WireEvent[],
  wire: WireContract,
  names: ProtocolNames,
  operations: Record<string, unknown>,
): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const ref = { $ref: `#/channels/${id}` };
  const camels = events.map((event) => event.camel);
  for (const event of events) {
    // An event name used in both directions ("typing" both ways) gives two messages.
    const shared = camels.filter((camel) => camel === event.camel).length > 1;
    const messageId = freeName(
      shared ? `${event.camel}From${event.direction === "clientToServer" ? "Client" : "Server"}` : event.camel,
      (n) => n in messages,
    );
    if (event.stream !== undefined || event.upload !== undefined) {
      streamMessages(event, id, messageId, messages, operations, names, (wanted) =>
        freeName(wanted, (n) => n in messages),
      );
      continue;
    }
    messages[messageId] = eventMessage(event, wire);
    const reply = event.ack === undefined ? undefined : freeName(`${messageId}Ack`, (n) => n in messages);
    if (reply !== undefined) messages[reply] = ackMessage(event, wire, names);
    const actions =
      event.direction === "serverToServer"
        ? (["send", "receive"] as const)
        : event.direction === "clientToServer"
          ? (["receive"] as const)
          : (["send"] as const);
    for (const action of actions) {
      operations[`${id}.${action}.${messageId}`] = {
        action,
        channel: ref,
        title: event.name,
        ...describe(event.description),
        messages: [{ $ref: `#/channels/${id}/messages/${messageId}` }],
        ...(reply === undefined
          ? {}
          : { reply: { channel: ref, messages: [{ $ref: `#/channels/${id}/messages/${reply}` }] } }),
        tags: [{ name: event.direction }],
      };
    }
  }
  return { address, title: address ?? "server to server", description, messages };
}

function eventMessage(event: WireEvent, wire: WireContract): Record<string, unknown> {
  const example = argumentsExample(event, wire);
  return {
    name: event.name,
    title: event.name,
    ...describe(event.description),
    contentType: "application/json",
    payload: argumentsPayload(event),
    ...(example === undefined ? {} : { examples: [{ name: "example", payload: example }] }),
    tags: [{ name: event.direction }],
    "x-socketio": {
      event: event.name,
      direction: event.direction,
      arguments: event.args.length,
      acknowledged: event.ack !== undefined,
    },
  };
}

function ackMessage(event: WireEvent, wire: WireContract, names: ProtocolNames): Record<string, unknown> {
  const data = exampleOf(event.ack!.schema, wire.schemas);
  const valid = data !== undefined && !containsBinary(data) && accepts(event.definition.ack!, data);
  return {
    title: `${event.name} acknowledgement`,
    summary: `The answer to ${event.name}, through Socket.IO's ack callback.`,
    contentType: "application/json",
    payload: ackEnvelope(event, names),
    ...(valid
      ? { examples: [{ name: "acknowledged", payload: data === undefined ? { ok: true } : { ok: true, data } }] }
      : {}),
    "x-socketio": { ackOf: event.name },
  };
}

/** An example of the arguments, only when it passes the contract's own schemas (so the parser's example check holds too). */
function argumentsExample(event: WireEvent, wire: WireContract): unknown {
  const values = event.args.map((arg) => exampleOf(arg.schema, wire.schemas));
  const valid = values.every(
    (value, index) => value !== undefined && !containsBinary(value) && accepts(event.definition.args[index]!, value),
  );
  if (!valid) return undefined;
  return values.length === 1 ? values[0] : values;
}

/** Whether the contract's own schema accepts a value: Zod's parser, or another library's `~standard.validate` (synchronous in a contract). */
function accepts(schema: AnySchema, value: unknown): boolean {
  if (isZodSchema(schema)) return core.safeParse(schema, value).success;
  const result = schema["~standard"].validate(value) as { issues?: unknown };
  return typeof result === "object" && result !== null && !("then" in result) && result.issues === undefined;
}

function containsBinary(value: unknown): boolean {
  if (value instanceof BinaryExample) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(containsBinary);
}

function handshake(auth: JsonSchema | undefined, names: ProtocolNames): Record<string, unknown> {
  return {
    ...(auth === undefined ? {} : { auth }),
    identityKey: "~contract",
    identity: { $ref: COMPONENTS_PREFIX + names.identity },
    refusal: { $ref: COMPONENTS_PREFIX + names.connectError },
  };
}

function freeName(wanted: string, taken: (name: string) => boolean): string {
  let name = wanted;
  for (let n = 2; taken(name); n++) name = `${wanted}${n}`;
  return name;
}

function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** A summary (the first sentence), and the description when it says more. */
function describe(description: string | undefined): { summary?: string; description?: string } {
  if (description === undefined) return {};
  const summary = firstSentence(description);
  return summary === description.trim() ? { summary } : { summary, description };
}

function firstSentence(text: string): string {
  const match = /^[^\n]*?[.!?](?=\s|$)/.exec(text);
  return (match?.[0] ?? text.split("\n")[0]!).trim();
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
