import { h } from "../dom.js";
import type { ChatMessage } from "../types.js";

/** The search panel above the conversation: what was asked, the matches as they arrive, how many. */
export interface SearchView {
  /** Opens the panel, empty, saying it is searching. */
  start(room: string, text: string): void;
  /** Adds one match, as it arrives. */
  add(message: ChatMessage): void;
  /** The search ended: says how many matched. */
  done(count: number): void;
  /** The search failed: says why. */
  failed(reason: string): void;
  /** Closes the panel. */
  close(): void;
}

/**
 * Fills `panel` with a search's status line, its results and a Close button (which calls `onClose`).
 *
 * @example
 * const view = renderSearch(shell.searchPanel, () => controller.abort());
 * view.start("general", "lunch");
 */
export function renderSearch(panel: HTMLElement, onClose: () => void): SearchView {
  const status = h("span", { class: "search-status", role: "status" });
  const results = h("ol", { class: "search-results", "aria-label": "Search results" });
  const close = h(
    "button",
    { class: "button button-ghost", type: "button", "aria-label": "Close the search" },
    "Close",
  );
  close.addEventListener("click", onClose);
  panel.replaceChildren(h("div", { class: "search-header" }, status, close), results);
  panel.hidden = true;
  let found = 0;
  let asked = "";
  return {
    start(room, text) {
      found = 0;
      asked = `“${text}” in #${room}`;
      results.replaceChildren();
      status.textContent = `Searching ${asked}…`;
      panel.dataset.state = "searching";
      panel.hidden = false;
    },
    add(message) {
      found += 1;
      status.textContent = `Searching ${asked}… ${found} found`;
      results.append(resultItem(message));
    },
    done(count) {
      status.textContent = `${count === 1 ? "1 message matches" : `${count} messages match`} ${asked}`;
      panel.dataset.state = "done";
    },
    failed(reason) {
      status.textContent = `Search failed: ${reason}`;
      panel.dataset.state = "failed";
    },
    close() {
      panel.hidden = true;
      results.replaceChildren();
      delete panel.dataset.state;
    },
  };
}

function resultItem(message: ChatMessage): HTMLLIElement {
  const at = new Date(message.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return h(
    "li",
    { class: "search-result", "data-id": message.id },
    h("span", { class: "search-author" }, message.author.name),
    h("time", { class: "search-time", datetime: new Date(message.at).toISOString() }, at),
    h("span", { class: "search-text" }, message.text || (message.attachment?.name ?? "")),
  );
}
