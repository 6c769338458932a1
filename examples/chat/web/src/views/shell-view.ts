import { MAX_MESSAGE_LENGTH } from "@chat-example/contract";
import { h } from "../dom.js";

/** The parts of the chat screen that the app fills in. */
export interface Shell {
  readonly roomList: HTMLUListElement;
  readonly joinForm: HTMLFormElement;
  readonly joinInput: HTMLInputElement;
  readonly roomTitle: HTMLElement;
  readonly roomMeta: HTMLElement;
  readonly leaveButton: HTMLButtonElement;
  readonly messages: HTMLOListElement;
  readonly typingLine: HTMLElement;
  readonly composer: HTMLFormElement;
  readonly textInput: HTMLTextAreaElement;
  readonly counter: HTMLElement;
  readonly attachButton: HTMLButtonElement;
  readonly fileInput: HTMLInputElement;
  readonly sendButton: HTMLButtonElement;
  readonly memberList: HTMLUListElement;
  readonly memberCount: HTMLElement;
  readonly status: HTMLElement;
}

/**
 * Lays out the chat screen: rooms on the left, the conversation in the middle, people on the right.
 *
 * @example
 * const shell = renderShell(root, "Ada");
 */
export function renderShell(root: HTMLElement, name: string): Shell {
  const parts: Shell = {
    roomList: h("ul", { class: "room-list", "aria-label": "Rooms" }),
    joinInput: h("input", { class: "join-input", name: "room", placeholder: "Join or create a room", autocomplete: "off", "aria-label": "Room name" }),
    joinForm: undefined as never,
    roomTitle: h("h1", { class: "room-title" }),
    roomMeta: h("span", { class: "room-meta" }),
    leaveButton: h("button", { class: "button button-ghost", type: "button", title: "Leave this room" }, "Leave"),
    messages: h("ol", { class: "messages", "aria-live": "polite", "aria-label": "Messages" }),
    typingLine: h("div", { class: "typing-line", "aria-live": "polite" }),
    composer: undefined as never,
    textInput: h("textarea", { class: "composer-input", name: "text", rows: 1, placeholder: "Write a message…", "aria-label": "Message" }),
    counter: h("span", { class: "composer-counter", "aria-live": "polite" }),
    attachButton: h("button", { class: "icon-button", type: "button", title: "Send a file or an image", "aria-label": "Attach a file" }, paperclip()),
    fileInput: h("input", { type: "file", class: "visually-hidden", tabindex: -1, "aria-hidden": "true" }),
    sendButton: h("button", { class: "button button-primary", type: "submit" }, "Send"),
    memberList: h("ul", { class: "member-list", "aria-label": "People in this room" }),
    memberCount: h("span", { class: "member-count" }),
    status: h("span", { class: "status", "data-status": "connecting" }, "Connecting…"),
  };
  const shell = { ...parts, joinForm: h("form", { class: "join-form" }, parts.joinInput), composer: h("form", { class: "composer" }) } as Shell;
  shell.composer.append(parts.fileInput, parts.attachButton, parts.textInput, parts.counter, parts.sendButton);
  shell.counter.dataset.max = String(MAX_MESSAGE_LENGTH);

  const sidebar = h(
    "aside",
    { class: "sidebar" },
    h("div", { class: "brand" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), h("span", {}, "Chat")),
    h("h2", { class: "section-title" }, "Rooms"),
    shell.roomList,
    shell.joinForm,
    h("div", { class: "me" }, h("span", { class: "avatar", "aria-hidden": "true" }, initials(name)), h("span", { class: "me-name" }, name), shell.status),
  );
  const conversation = h(
    "section",
    { class: "conversation" },
    h("header", { class: "room-header" }, h("div", {}, shell.roomTitle, shell.roomMeta), shell.leaveButton),
    h("div", { class: "messages-scroll" }, shell.messages),
    shell.typingLine,
    shell.composer,
  );
  const people = h("aside", { class: "people" }, h("h2", { class: "section-title" }, "People ", shell.memberCount), shell.memberList);
  root.dataset.state = "chat";
  root.replaceChildren(h("div", { class: "layout" }, sidebar, conversation, people));
  return shell;
}

/** Up to two initials of a display name, for its avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[words.length - 1]![0]! : name.trim().slice(0, 2)).toUpperCase();
}

function paperclip(): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", "M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5");
  svg.append(path);
  return svg;
}
