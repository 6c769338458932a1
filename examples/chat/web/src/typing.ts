/** After this long without a keystroke, the person stopped typing. */
const STOP_AFTER_MS = 3_000;
/** A remote "typing" that is not renewed in this time has gone stale (its sender vanished). */
const STALE_AFTER_MS = 8_000;

/**
 * Sends `typing(room, true)` once when typing starts and `typing(room, false)` when it stops, not
 * once per keystroke.
 *
 * @example
 * const typing = typingSender((room, on) => chat.typing(room, on));
 * input.addEventListener("input", () => typing.keystroke(room));
 */
export function typingSender(send: (room: string, isTyping: boolean) => void): {
  keystroke(room: string): void;
  stop(): void;
} {
  let room: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(timer);
    if (room !== undefined) send(room, false);
    room = undefined;
  };
  return {
    keystroke(current) {
      if (room !== current) {
        stop();
        room = current;
        send(current, true);
      }
      clearTimeout(timer);
      timer = setTimeout(stop, STOP_AFTER_MS);
    },
    stop,
  };
}

/**
 * Who is typing in each room, forgetting anyone whose "still typing" went stale.
 *
 * @example
 * const typists = typingBoard(() => render());
 * chat.onTyping((room, author, on) => typists.set(room, author, on));
 */
export function typingBoard(onChange: () => void): {
  set(room: string, author: { id: string; name: string }, isTyping: boolean): void;
  names(room: string): string[];
} {
  const rooms = new Map<string, Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>>();
  const set = (room: string, author: { id: string; name: string }, isTyping: boolean): void => {
    const typists = rooms.get(room) ?? new Map();
    rooms.set(room, typists);
    clearTimeout(typists.get(author.id)?.timer);
    if (isTyping)
      typists.set(author.id, { name: author.name, timer: setTimeout(() => set(room, author, false), STALE_AFTER_MS) });
    else typists.delete(author.id);
    onChange();
  };
  return { set, names: (room) => [...(rooms.get(room)?.values() ?? [])].map((typist) => typist.name) };
}
