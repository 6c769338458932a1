import type { ChatMember, ChatNamespace, ChatSocket } from "./types.js";

/**
 * Who is in a room, on every instance: `fetchSockets` asks the adapter, so behind Redis the
 * answer covers all nodes.
 *
 * @example
 * const members = await membersOf(chat, "general");
 */
export async function membersOf(chat: ChatNamespace, room: string): Promise<ChatMember[]> {
  const sockets = await chat.in(room).fetchSockets();
  return sockets
    .map((socket) => ({ id: socket.id, name: socket.data.name, away: socket.data.away }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Tells everyone in a room who is there now.
 *
 * @example
 * await announcePresence(chat, "general");
 */
export async function announcePresence(chat: ChatNamespace, room: string): Promise<void> {
  chat.to(room).emit("presence", { room, members: await membersOf(chat, room) });
}

/** The rooms a socket chose to join: Socket.IO also puts every socket in a room named by its id. */
export function joinedRooms(socket: ChatSocket): string[] {
  return [...socket.rooms].filter((room) => room !== socket.id);
}

/**
 * Asks one client whether its person is still there (the `ping` event, answered by the client),
 * and tells the rooms when that changed. A client that does not answer in time counts as away.
 *
 * @example
 * await checkAway(chat, socket, 5_000);
 */
export async function checkAway(chat: ChatNamespace, socket: ChatSocket, timeoutMs: number): Promise<boolean> {
  let away = true;
  try {
    ({ away } = await socket.timeout(timeoutMs).emit("ping"));
  } catch {
    // TIMEOUT or an invalid answer: the person is not reachable, which reads as away.
  }
  if (socket.connected && socket.data.away !== away) {
    socket.data.away = away;
    await Promise.all(joinedRooms(socket).map((room) => announcePresence(chat, room)));
  }
  return away;
}
