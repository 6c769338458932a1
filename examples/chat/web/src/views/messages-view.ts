import { formatBytes, h } from "../dom.js";
import type { ChatAttachment, ChatMessage } from "../types.js";
import { linkified } from "./linkify.js";
import { initials } from "./shell-view.js";

/** Messages from the same person within this span read as one block, as in most chat apps. */
const GROUP_MS = 5 * 60_000;

/**
 * Shows a room's whole history, or an invitation to speak when it has none.
 *
 * @example
 * renderMessages(shell.messages, room.messages, socket.id);
 */
export function renderMessages(
  list: HTMLOListElement,
  messages: readonly ChatMessage[],
  ownId: string | undefined,
): void {
  if (messages.length === 0) {
    list.replaceChildren(
      h(
        "li",
        { class: "messages-empty" },
        h("strong", {}, "No messages yet"),
        h("span", {}, "Say hello, or drop an image here with the paperclip."),
      ),
    );
    return;
  }
  list.replaceChildren(...messages.map((message, index) => messageItem(message, messages[index - 1], ownId)));
  scrollToEnd(list);
}

/**
 * Adds one message at the end, keeping the view at the bottom.
 *
 * @example
 * appendMessage(shell.messages, message, previous, socket.id);
 */
export function appendMessage(
  list: HTMLOListElement,
  message: ChatMessage,
  previous: ChatMessage | undefined,
  ownId: string | undefined,
): void {
  list.querySelector(".messages-empty")?.remove();
  list.append(messageItem(message, previous, ownId));
  scrollToEnd(list);
}

function messageItem(
  message: ChatMessage,
  previous: ChatMessage | undefined,
  ownId: string | undefined,
): HTMLLIElement {
  const continued =
    previous !== undefined && previous.author.id === message.author.id && message.at - previous.at < GROUP_MS;
  const own = message.author.id === ownId;
  const time = new Date(message.at);
  return h(
    "li",
    { class: `message${own ? " message-own" : ""}${continued ? " message-continued" : ""}`, "data-id": message.id },
    h("span", { class: "avatar", "aria-hidden": "true" }, initials(message.author.name)),
    h(
      "div",
      { class: "message-body" },
      h(
        "div",
        { class: "message-header" },
        h("span", { class: "message-author" }, message.author.name),
        h(
          "time",
          { datetime: time.toISOString() },
          time.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }),
        ),
      ),
      message.text === "" ? null : h("p", { class: "message-text" }, ...linkified(message.text)),
      message.attachment === undefined ? null : attachmentView(message.attachment),
    ),
  );
}

function attachmentView(attachment: ChatAttachment): HTMLElement {
  if (attachment.type.startsWith("image/") && attachment.type !== "image/svg+xml") {
    return h(
      "figure",
      { class: "attachment attachment-image" },
      h(
        "a",
        { href: attachment.url, target: "_blank", rel: "noopener noreferrer" },
        h("img", { src: attachment.url, alt: attachment.name, loading: "lazy" }),
      ),
      h("figcaption", {}, `${attachment.name} · ${formatBytes(attachment.size)}`),
    );
  }
  return h(
    "a",
    { class: "attachment attachment-file", href: attachment.url, download: attachment.name },
    h(
      "span",
      { class: "file-icon", "aria-hidden": "true" },
      (attachment.name.split(".").pop() ?? "file").slice(0, 4).toUpperCase(),
    ),
    h("span", { class: "file-name" }, attachment.name),
    h("span", { class: "file-size" }, formatBytes(attachment.size)),
  );
}

function scrollToEnd(list: HTMLElement): void {
  const scroller = list.parentElement;
  if (scroller !== null) scroller.scrollTop = scroller.scrollHeight;
}
