import { createHash, randomUUID } from "node:crypto";
import { ContractError } from "@socket-contract/server";
import { announcePresence, joinedRooms, membersOf } from "./presence.js";
import { receiveFile } from "./received-file.js";
import type { ChatStores, StoredFile } from "./stores/stores.js";
import type { ChatHandlers } from "@chat-example/contract/server";
import type { ChatMessage, ChatNamespace, ChatSocket } from "./types.js";

/** The rooms offered to everyone, even when empty. */
export const DEFAULT_ROOMS = ["general", "random", "help"] as const;

export interface HandlerDependencies {
  readonly chat: ChatNamespace;
  readonly stores: ChatStores;
  /** How many people a room holds before `room:join` answers `ROOM_FULL`. */
  readonly roomCapacity: number;
  /** Streamed uploads under way, by file id: the bytes received so far. An upload leaves it however it ends. */
  readonly uploads: Map<string, number>;
}

/**
 * The chat's answer to every client-to-server event of the contract, keyed by wire name: each
 * handler gets the socket and the validated arguments, and returns the acknowledgement.
 *
 * @example
 * implement(server, chatHandlers({ chat: server.of("/chat"), stores, roomCapacity: 50 }));
 */
export function chatHandlers({ chat, stores, roomCapacity, uploads }: HandlerDependencies): ChatHandlers {
  const requireMember = (socket: ChatSocket, room: string): void => {
    if (!socket.rooms.has(room))
      throw new ContractError("NOT_IN_ROOM", { message: `Join "${room}" before posting to it.`, data: { room } });
  };
  const post = async (socket: ChatSocket, message: Omit<ChatMessage, "id" | "author" | "at">): Promise<ChatMessage> => {
    const stored: ChatMessage = {
      id: randomUUID(),
      author: { id: socket.id, name: socket.data.name },
      at: Date.now(),
      ...message,
    };
    await stores.appendMessage(stored);
    // The sender gets the message as its acknowledgement; everyone else in the room as an event.
    socket.to(message.room).emit("message", stored);
    return stored;
  };
  const postFile = async (
    socket: ChatSocket,
    room: string,
    id: string,
    file: StoredFile,
    sha256: string,
  ): Promise<ChatMessage> => {
    await stores.putFile(id, file);
    const { name, type, bytes } = file;
    const attachment = {
      id,
      url: `/uploads/${id}/${encodeURIComponent(name)}`,
      name,
      type,
      size: bytes.byteLength,
      sha256,
    };
    return post(socket, { room, text: "", attachment });
  };

  return {
    "room:list": async () => {
      const sockets = await chat.fetchSockets();
      const counts = new Map<string, number>(DEFAULT_ROOMS.map((room) => [room, 0]));
      for (const socket of sockets) {
        for (const room of socket.rooms) if (room !== socket.id) counts.set(room, (counts.get(room) ?? 0) + 1);
      }
      return [...counts].map(([name, members]) => ({ name, members }));
    },

    "room:join": async (socket, room) => {
      if (!socket.rooms.has(room)) {
        const members = await membersOf(chat, room);
        if (members.length >= roomCapacity) {
          throw new ContractError("ROOM_FULL", {
            message: `"${room}" is full (${roomCapacity} people).`,
            data: { room, capacity: roomCapacity },
          });
        }
        await socket.join(room);
        await announcePresence(chat, room);
      }
      const [history, members] = await Promise.all([stores.history(room), membersOf(chat, room)]);
      return { room, history, members };
    },

    "room:leave": async (socket, room) => {
      if (socket.rooms.has(room)) {
        await socket.leave(room);
        socket.to(room).emit("typing", room, { id: socket.id, name: socket.data.name }, false);
        await announcePresence(chat, room);
      }
      return { room };
    },

    "message:send": async (socket, { room, text }) => {
      requireMember(socket, room);
      return post(socket, { room, text });
    },

    "file:upload": async (socket, { room, name, type, bytes }) => {
      requireMember(socket, room);
      return postFile(
        socket,
        room,
        randomUUID(),
        { name, type, bytes },
        createHash("sha256").update(bytes).digest("hex"),
      );
    },

    "file:stream": async (socket, { room, name, type, size }, chunks) => {
      requireMember(socket, room);
      const id = randomUUID();
      uploads.set(id, 0);
      try {
        // Stored only once whole: a cancelled, dropped or short upload throws out of here first.
        const { bytes, sha256 } = await receiveFile(chunks, size, (received) => uploads.set(id, received));
        return await postFile(socket, room, id, { name, type, bytes }, sha256);
      } finally {
        uploads.delete(id);
      }
    },

    "message:search": async function* (socket, { room, text }) {
      requireMember(socket, room);
      const needle = text.toLowerCase();
      const history = await stores.history(room);
      let count = 0;
      // Newest first; each match leaves as it is found, paced by the client's credit.
      for (let index = history.length - 1; index >= 0; index--) {
        const message = history[index]!;
        if (!matches(message, needle)) continue;
        count += 1;
        yield message;
      }
      return { count };
    },

    typing: (socket, room, isTyping) => {
      if (socket.rooms.has(room))
        socket.to(room).emit("typing", room, { id: socket.id, name: socket.data.name }, isTyping);
    },
  };
}

/** Whether a message's text, or its attachment's name, contains `needle` (lower case). */
function matches(message: ChatMessage, needle: string): boolean {
  return (
    message.text.toLowerCase().includes(needle) || (message.attachment?.name.toLowerCase().includes(needle) ?? false)
  );
}

/**
 * Tells the rooms a socket was in that it left, once it has disconnected.
 *
 * @example
 * announceDepartures(chat, socket);
 */
export function announceDepartures(chat: ChatNamespace, socket: ChatSocket): void {
  let rooms: string[] = [];
  socket.on("disconnecting", () => {
    rooms = joinedRooms(socket);
  });
  socket.on("disconnect", () => {
    for (const room of rooms) {
      chat.to(room).emit("typing", room, { id: socket.id, name: socket.data.name }, false);
      announcePresence(chat, room).catch((error: unknown) =>
        console.error("[chat] presence after disconnect failed:", error),
      );
    }
  });
}
