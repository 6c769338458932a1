import { binary, defineContract } from "@socket-contract/contract";
import { z } from "zod";

/** Longest message a person may post, in characters. */
export const MAX_MESSAGE_LENGTH = 1000;
/** Largest file a person may upload, in bytes. */
export const MAX_UPLOAD_BYTES = 2_000_000;

export const RoomName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,23}$/, "A room name is 1 to 24 lower-case letters, digits or dashes.")
  .describe("A room's name, such as `general`.");

export const Author = z.object({ id: z.string(), name: z.string() }).describe("Who wrote a message or is typing.");

export const Member = z
  .object({ id: z.string(), name: z.string(), away: z.boolean().describe("True when the person's tab has been idle or hidden for a while.") })
  .describe("A person in a room.");

export const Attachment = z
  .object({
    url: z.string().describe("Where the server serves the file, relative to the page."),
    name: z.string(),
    type: z.string(),
    size: z.number().int(),
  })
  .describe("A file posted with a message.");

export const Message = z
  .object({
    id: z.string(),
    room: z.string(),
    author: Author,
    text: z.string(),
    at: z.number().describe("When the server received it, in milliseconds since the epoch."),
    attachment: Attachment.optional(),
  })
  .describe("A message as everyone in the room sees it.");

export const RoomSummary = z.object({ name: z.string(), members: z.number().int() }).describe("A room and how many people are in it.");

export const contract = defineContract({
  name: "chat",
  version: "1.0.0",
  namespaces: {
    "/chat": {
      auth: z.object({ name: z.string().trim().min(1).max(32) }).describe("The display name a person picks before joining."),
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
          errors: { ROOM_FULL: z.object({ room: z.string(), capacity: z.number().int() }) },
        },
        "room:leave": {
          description: "Leave a room.",
          args: [RoomName],
          ack: z.object({ room: z.string() }),
        },
        "message:send": {
          description: "Post a message to a room the sender has joined.",
          args: [z.object({ room: RoomName, text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) })],
          ack: Message,
          errors: { NOT_IN_ROOM: z.object({ room: z.string() }) },
        },
        "file:upload": {
          description: "Post a file (an image shows inline) to a room; the answer is the message that carries it.",
          args: [
            z.object({
              room: RoomName,
              name: z.string().min(1).max(200),
              type: z.string().max(100),
              bytes: binary({ minBytes: 1, maxBytes: MAX_UPLOAD_BYTES }),
            }),
          ],
          ack: Message,
          errors: { NOT_IN_ROOM: z.object({ room: z.string() }) },
        },
        typing: {
          description: "Tell the room the sender started or stopped typing.",
          args: [RoomName, z.boolean()],
        },
      },
      serverToClient: {
        message: { description: "A message posted to a room the client is in.", args: [Message] },
        typing: { description: "Someone in a room started or stopped typing.", args: [z.string(), Author, z.boolean()] },
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
