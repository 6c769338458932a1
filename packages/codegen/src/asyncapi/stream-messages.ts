import { COMPONENTS_PREFIX, type JsonSchema } from "./json-schema.js";
import { type ProtocolNames, ackEnvelope } from "./protocol-schemas.js";
import type { WireEvent } from "./wire-contract.js";

const STREAM_ID: JsonSchema = {
  type: "integer",
  minimum: 1,
  description: "The stream's id: odd when a client opened it, even when the server did.",
};
const MAX_CREDIT = 65_536;

/**
 * The messages of one stream event: `contract:open` with its header and arguments, the items each
 * way as `contract:item`, and the end, `contract:end` with the acknowledgement envelope; and the
 * operations that send and receive them.
 */
export function streamMessages(
  event: WireEvent,
  channel: string,
  messageId: string,
  messages: Record<string, unknown>,
  operations: Record<string, unknown>,
  names: ProtocolNames,
  free: (wanted: string) => string,
): void {
  const fromClient = event.direction === "clientToServer";
  const requester = fromClient ? "receive" : "send";
  const responder = fromClient ? "send" : "receive";
  const header: JsonSchema = {
    type: "object",
    properties: {
      id: STREAM_ID,
      event: { type: "string", const: event.name },
      credit: {
        type: "integer",
        minimum: event.stream === undefined ? 0 : 1,
        maximum: event.stream === undefined ? 0 : MAX_CREDIT,
        description: "How many items the responder may send before the requester grants more.",
      },
    },
    required: ["id", "event", "credit"],
  };
  const args = event.args.map((arg) => (arg.optional ? { anyOf: [arg.schema, { type: "null" }] } : arg.schema));
  const add = (id: string, action: "send" | "receive", message: Record<string, unknown>): void => {
    messages[id] = { contentType: "application/json", tags: [{ name: event.direction }], ...message };
    operations[`${channel}.${action}.${id}`] = {
      action,
      channel: { $ref: `#/channels/${channel}` },
      title: `${event.name}: ${message.name as string}`,
      ...(event.description === undefined ? {} : { description: event.description }),
      messages: [{ $ref: `#/channels/${channel}/messages/${id}` }],
      tags: [{ name: event.direction }],
    };
  };
  add(messageId, requester, {
    name: "contract:open",
    title: `${event.name} (open)`,
    summary: `Requests the stream ${event.name}.`,
    payload: tuple(
      [header, ...args],
      `The header, then the event's ${args.length} argument${args.length === 1 ? "" : "s"}.`,
    ),
    "x-socketio": { event: "contract:open", opens: event.name, direction: event.direction, arguments: args.length },
  });
  if (event.stream !== undefined) {
    add(free(`${messageId}Item`), responder, {
      name: "contract:item",
      title: `${event.name} item`,
      summary: `One item of ${event.name}, from the responder.`,
      payload: tuple([STREAM_ID, event.stream.schema], "The stream's id, then the item."),
      "x-socketio": { event: "contract:item", itemOf: event.name, from: "responder" },
    });
  }
  if (event.upload !== undefined) {
    add(free(`${messageId}UploadItem`), requester, {
      name: "contract:item",
      title: `${event.name} upload item`,
      summary: `One item the requester of ${event.name} sends.`,
      payload: tuple([STREAM_ID, event.upload.item.schema], "The stream's id, then the item."),
      "x-socketio": {
        event: "contract:item",
        itemOf: event.name,
        from: "requester",
        ...(event.upload.window === undefined ? {} : { window: event.upload.window }),
        ...(event.upload.maxItems === undefined ? {} : { maxItems: event.upload.maxItems }),
      },
    });
  }
  const envelope = ackEnvelope(
    event.ack === undefined ? { ...event, ack: { schema: { type: "null" }, optional: true } } : event,
    names,
  );
  // Without an acknowledgement the end carries no data at all.
  if (event.ack === undefined) delete (envelope.oneOf[0]!.properties as Record<string, unknown>).data;
  add(free(`${messageId}End`), responder, {
    name: "contract:end",
    title: `${event.name} end`,
    summary: `Ends ${event.name}: its acknowledgement, or the error it failed with.`,
    payload: tuple([STREAM_ID, envelope], "The stream's id, then the acknowledgement envelope."),
    "x-socketio": { event: "contract:end", endOf: event.name },
  });
}

/** `contract:credit` and `contract:cancel`, once per namespace that has a stream, both ways. */
export function streamFrameMessages(
  channel: string,
  messages: Record<string, unknown>,
  operations: Record<string, unknown>,
  names: ProtocolNames,
  free: (wanted: string) => string,
): void {
  const frames = [
    {
      id: free("contractCredit"),
      name: "contract:credit",
      summary: "The receiver of a stream's items lets the sender send n more.",
      payload: tuple(
        [STREAM_ID, { type: "integer", minimum: 1, maximum: MAX_CREDIT }],
        "The stream's id, then how many more items may be sent.",
      ),
    },
    {
      id: free("contractCancel"),
      name: "contract:cancel",
      summary: "From the requester: stop the stream, nothing more is sent. From the responder: stop sending items.",
      payload: {
        type: "array",
        items: [STREAM_ID, { $ref: COMPONENTS_PREFIX + names.builtInError }],
        minItems: 1,
        maxItems: 2,
        description: "The stream's id, then why, when a refused item was the reason.",
      },
    },
  ];
  for (const frame of frames) {
    messages[frame.id] = {
      name: frame.name,
      title: frame.name,
      summary: frame.summary,
      contentType: "application/json",
      payload: frame.payload,
    };
    for (const action of ["send", "receive"] as const) {
      operations[`${channel}.${action}.${frame.id}`] = {
        action,
        channel: { $ref: `#/channels/${channel}` },
        title: frame.name,
        summary: frame.summary,
        messages: [{ $ref: `#/channels/${channel}/messages/${frame.id}` }],
      };
    }
  }
}

function tuple(items: JsonSchema[], description: string): JsonSchema {
  return { type: "array", items, minItems: items.length, maxItems: items.length, additionalItems: false, description };
}
