import { binary, defineContract, streamOf } from "@socket-contract/contract";
import * as z from "zod/mini";

/** Longest message a person may post, in characters. */
export const MAX_MESSAGE_LENGTH = 1000;
/** Largest file `file:upload` takes in its one packet, in bytes. */
export const MAX_UPLOAD_BYTES = 2_000_000;
/** Largest file `file:stream` takes, in bytes: far past Socket.IO's one-packet limit. */
export const MAX_STREAMED_FILE_BYTES = 50_000_000;
/** Largest chunk of a streamed file, in bytes. */
export const FILE_CHUNK_BYTES = 65_536;
/** Longest text `message:search` looks for, in characters. */
export const MAX_SEARCH_LENGTH = 100;

// Written in zod/mini, the smallest way to ship a contract to a browser: checks go in `.check(...)`,
// wrappers are functions (`z.optional(...)`), and a description is registered where classic Zod
// would call `.describe(...)` (a registered description leaves the schema compilable).
export const RoomName = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,23}$/, "A room name is 1 to 24 lower-case letters, digits or dashes."))
  .register(z.globalRegistry, { description: "A room's name, such as `general`." });

export const Author = z
  .object({ id: z.string(), name: z.string() })
  .register(z.globalRegistry, { description: "Who wrote a message or is typing." });

export const Member = z
  .object({
    id: z.string(),
    name: z.string(),
    away: z
      .boolean()
      .register(z.globalRegistry, { description: "True when the person's tab has been idle or hidden for a while." }),
  })
  .register(z.globalRegistry, { description: "A person in a room." });

export const Attachment = z
  .object({
    id: z.string().register(z.globalRegistry, { description: "The stored file's id." }),
    url: z
      .string()
      .register(z.globalRegistry, { description: "Where the server serves the file, relative to the page." }),
    name: z.string(),
    type: z.string(),
    size: z.number().check(z.int()),
    sha256: z
      .string()
      .register(z.globalRegistry, { description: "The SHA-256 of the bytes the server stored, in hex." }),
  })
  .register(z.globalRegistry, { description: "A file posted with a message." });

export const Message = z
  .object({
    id: z.string(),
    room: z.string(),
    author: Author,
    text: z.string(),
    at: z
      .number()
      .register(z.globalRegistry, { description: "When the server received it, in milliseconds since the epoch." }),
    attachment: z.optional(Attachment),
  })
  .register(z.globalRegistry, { description: "A message as everyone in the room sees it." });

export const RoomSummary = z
  .object({ name: z.string(), members: z.number().check(z.int()) })
  .register(z.globalRegistry, { description: "A room and how many people are in it." });

export const contract = defineContract({
  name: "chat",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      auth: z
        .object({ name: z.string().check(z.trim(), z.minLength(1), z.maxLength(32)) })
        .register(z.globalRegistry, { description: "The display name a person picks before joining." }),
      data: z.object({ name: z.string(), away: z.boolean() }),
      clientToServer: {
        "room:list": {
          description: "The rooms to offer: the default ones and every room someone is in.",
          args: [],
          ack: z.array(RoomSummary),
        },
        "room:join": {
          description: "Join a room; the answer carries its recent history and who is there.",
          args: [RoomName],
          ack: z.object({ room: z.string(), history: z.array(Message), members: z.array(Member) }),
          errors: { ROOM_FULL: z.object({ room: z.string(), capacity: z.number().check(z.int()) }) },
        },
        "room:leave": {
          description: "Leave a room.",
          args: [RoomName],
          ack: z.object({ room: z.string() }),
        },
        "message:send": {
          description: "Post a message to a room the sender has joined.",
          args: [
            z.object({
              room: RoomName,
              text: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_MESSAGE_LENGTH)),
            }),
          ],
          ack: Message,
          errors: { NOT_IN_ROOM: z.object({ room: z.string() }) },
        },
        "file:upload": {
          description: "Post a file (an image shows inline) to a room; the answer is the message that carries it.",
          args: [
            z.object({
              room: RoomName,
              name: z.string().check(z.minLength(1), z.maxLength(200)),
              type: z.string().check(z.maxLength(100)),
              bytes: binary({ minBytes: 1, maxBytes: MAX_UPLOAD_BYTES }),
            }),
          ],
          ack: Message,
          errors: { NOT_IN_ROOM: z.object({ room: z.string() }) },
        },
        "file:stream": {
          description:
            "Post a file of any size up to the limit as a stream of chunks, paced by the server; the answer is the message that carries it.",
          args: [
            z.object({
              room: RoomName,
              name: z.string().check(z.minLength(1), z.maxLength(200)),
              type: z.string().check(z.maxLength(100)),
              size: z
                .number()
                .check(z.int(), z.gte(1), z.lte(MAX_STREAMED_FILE_BYTES))
                .register(z.globalRegistry, { description: "The file's size in bytes: the chunks must add up to it." }),
            }),
            streamOf(binary({ minBytes: 1, maxBytes: FILE_CHUNK_BYTES }), {
              maxItems: Math.ceil(MAX_STREAMED_FILE_BYTES / FILE_CHUNK_BYTES),
            }),
          ],
          ack: Message,
          errors: {
            NOT_IN_ROOM: z.object({ room: z.string() }),
            SIZE_MISMATCH: z.object({ size: z.number().check(z.int()), received: z.number().check(z.int()) }),
          },
        },
        "message:search": {
          description:
            "Search a joined room's messages for some text, newest first: each match streams in as the server finds it, and the answer is how many matched.",
          args: [
            z.object({
              room: RoomName,
              text: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_SEARCH_LENGTH)),
            }),
          ],
          stream: Message,
          ack: z.object({ count: z.number().check(z.int()) }),
          errors: { NOT_IN_ROOM: z.object({ room: z.string() }) },
        },
        typing: {
          description: "Tell the room the sender started or stopped typing.",
          args: [RoomName, z.boolean()],
        },
      },
      serverToClient: {
        message: { description: "A message posted to a room the client is in.", args: [Message] },
        typing: {
          description: "Someone in a room started or stopped typing.",
          args: [z.string(), Author, z.boolean()],
        },
        presence: {
          description: "Who is in a room now; sent whenever someone joins, leaves or goes away.",
          args: [z.object({ room: z.string(), members: z.array(Member) })],
        },
        ping: {
          description: "The server asks whether the person is still at the keyboard.",
          args: [],
          ack: z.object({ away: z.boolean() }),
        },
      },
    },
  },
});
