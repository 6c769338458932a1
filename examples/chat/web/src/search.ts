import type { ChatClient } from "@chat-example/contract/client";
import { errorText } from "./error-text.js";
import type { Shell } from "./views/shell-view.js";
import { renderSearch } from "./views/search-view.js";

/**
 * Wires the search box of the room header to `message:search`: the matches are shown as the
 * server streams them, then how many there were. A new search, Close, or opening another room
 * cancels the one under way (the server's generator stops at once). Returns what closes it.
 *
 * @example
 * const search = wireSearch(shell, chat, () => active);
 * search.close(); // the person opened another room
 */
export function wireSearch(shell: Shell, chat: ChatClient, activeRoom: () => string | undefined): { close(): void } {
  let running: AbortController | undefined;
  const close = () => {
    running?.abort();
    running = undefined;
    view.close();
  };
  const view = renderSearch(shell.searchPanel, close);
  const search = async (room: string, text: string) => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    view.start(room, text);
    const results = chat.messageSearch({ room, text }, { signal: controller.signal });
    try {
      for await (const message of results) view.add(message);
      const { count } = await results.ack;
      view.done(count);
    } catch (error) {
      // Cancelled here (a new search, Close, another room): nothing to say.
      if (!controller.signal.aborted) view.failed(errorText(error).detail);
    }
  };
  shell.searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const room = activeRoom();
    const text = shell.searchInput.value.trim();
    if (room !== undefined && text !== "") void search(room, text);
  });
  return { close };
}
