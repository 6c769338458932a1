import { MAX_MESSAGE_LENGTH, MAX_SEARCH_LENGTH } from "@chat-example/contract";
import { h } from "../dom.js";
import { icon } from "./icons.js";

/** The parts of the chat screen that the app fills in. */
export interface Shell {
  readonly roomList: HTMLUListElement;
  readonly joinForm: HTMLFormElement;
  readonly joinInput: HTMLInputElement;
  readonly roomTitle: HTMLElement;
  readonly roomMeta: HTMLElement;
  readonly leaveButton: HTMLButtonElement;
  /** Searches the open room's messages (`message:search`). */
  readonly searchForm: HTMLFormElement;
  readonly searchInput: HTMLInputElement;
  /** A search's results, streamed in; hidden when there is none. */
  readonly searchPanel: HTMLElement;
  readonly messages: HTMLOListElement;
  readonly typingLine: HTMLElement;
  /** Uploads under way, each with its progress and a Cancel button, above the message box. */
  readonly uploads: HTMLUListElement;
  readonly composer: HTMLFormElement;
  readonly textInput: HTMLTextAreaElement;
  readonly counter: HTMLElement;
  readonly attachButton: HTMLButtonElement;
  readonly fileInput: HTMLInputElement;
  readonly sendButton: HTMLButtonElement;
  readonly memberList: HTMLUListElement;
  readonly memberCount: HTMLElement;
  readonly status: HTMLElement;
  /** "You are offline — reconnecting…", across the conversation while the socket is down. */
  readonly connectionBanner: HTMLElement;
  /** The grid; its `data-drawer` (`rooms`, `people` or empty) says which panel is open on a narrow screen. */
  readonly layout: HTMLElement;
  /** Opens the rooms panel where it is a drawer (phones). */
  readonly roomsToggle: HTMLButtonElement;
  /** Opens the people panel where it is a drawer (tablets and phones); shows how many are here. */
  readonly peopleToggle: HTMLButtonElement;
  /** The dimmed page behind an open drawer, and each drawer's close button: all close it. */
  readonly drawerClosers: readonly HTMLElement[];
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
    joinInput: h("input", {
      class: "join-input",
      name: "room",
      placeholder: "Join or create a room",
      autocomplete: "off",
      "aria-label": "Room name",
    }),
    joinForm: undefined as never,
    roomTitle: h("h1", { class: "room-title" }),
    roomMeta: h("span", { class: "room-meta" }),
    leaveButton: h("button", { class: "button button-ghost", type: "button", title: "Leave this room" }, "Leave"),
    searchInput: h("input", {
      class: "search-input",
      name: "search",
      type: "search",
      placeholder: "Search this room",
      autocomplete: "off",
      maxlength: MAX_SEARCH_LENGTH,
      "aria-label": "Search this room",
    }),
    searchForm: undefined as never,
    searchPanel: h("section", { class: "search-panel", "aria-label": "Search", hidden: true }),
    messages: h("ol", { class: "messages", "aria-live": "polite", "aria-label": "Messages" }),
    typingLine: h("div", { class: "typing-line", "aria-live": "polite" }),
    uploads: h("ul", { class: "uploads", "aria-label": "Uploads" }),
    composer: undefined as never,
    textInput: h("textarea", {
      class: "composer-input",
      name: "text",
      rows: 1,
      placeholder: "Write a message…",
      "aria-label": "Message",
    }),
    counter: h("span", { class: "composer-counter", "aria-live": "polite" }),
    attachButton: h(
      "button",
      { class: "icon-button", type: "button", title: "Send a file or an image", "aria-label": "Attach a file" },
      icon("paperclip"),
    ),
    fileInput: h("input", { type: "file", class: "visually-hidden", tabindex: -1, "aria-hidden": "true" }),
    sendButton: h("button", { class: "button button-primary", type: "submit" }, "Send"),
    memberList: h("ul", { class: "member-list", "aria-label": "People in this room" }),
    memberCount: h("span", { class: "member-count" }),
    status: h("span", { class: "status", "data-status": "connecting" }, "Connecting…"),
    connectionBanner: h("div", { class: "connection-banner", role: "status", hidden: true }),
    layout: h("div", { class: "layout", "data-drawer": "" }),
    roomsToggle: h(
      "button",
      {
        class: "icon-button drawer-toggle rooms-toggle",
        type: "button",
        "aria-label": "Rooms",
        "aria-controls": "rooms-panel",
        "aria-expanded": "false",
      },
      icon("menu"),
    ),
    peopleToggle: h("button", {
      class: "people-toggle",
      type: "button",
      "aria-controls": "people-panel",
      "aria-expanded": "false",
    }),
    drawerClosers: [h("div", { class: "scrim" }), closeButton("Close the rooms"), closeButton("Close the people list")],
  };
  const shell = {
    ...parts,
    joinForm: h("form", { class: "join-form" }, parts.joinInput),
    searchForm: h("form", { class: "search-form", role: "search" }, parts.searchInput),
    composer: h("form", { class: "composer" }),
  } as Shell;
  shell.composer.append(parts.fileInput, parts.attachButton, parts.textInput, parts.counter, parts.sendButton);
  shell.counter.dataset.max = String(MAX_MESSAGE_LENGTH);

  const [scrim, closeRooms, closePeople] = shell.drawerClosers;
  const sidebar = h(
    "aside",
    { class: "sidebar", id: "rooms-panel", "aria-label": "Rooms panel" },
    h(
      "div",
      { class: "brand" },
      h("span", { class: "brand-mark", "aria-hidden": "true" }),
      h("span", {}, "Chat"),
      closeRooms,
    ),
    h("h2", { class: "section-title" }, "Rooms"),
    shell.roomList,
    shell.joinForm,
    h(
      "div",
      { class: "me" },
      h("span", { class: "avatar", "aria-hidden": "true" }, initials(name)),
      h("span", { class: "me-name" }, name),
      shell.status,
    ),
  );
  const conversation = h(
    "section",
    { class: "conversation" },
    h(
      "header",
      { class: "room-header" },
      shell.roomsToggle,
      h("div", { class: "room-heading" }, shell.roomTitle, shell.roomMeta),
      shell.searchForm,
      shell.peopleToggle,
      shell.leaveButton,
    ),
    shell.connectionBanner,
    shell.searchPanel,
    h("div", { class: "messages-scroll" }, shell.messages),
    shell.typingLine,
    shell.uploads,
    shell.composer,
  );
  const people = h(
    "aside",
    { class: "people", id: "people-panel", "aria-label": "People panel" },
    h(
      "div",
      { class: "people-header" },
      h("h2", { class: "section-title" }, "People ", shell.memberCount),
      closePeople,
    ),
    shell.memberList,
  );
  root.dataset.state = "chat";
  shell.layout.append(sidebar, conversation, people, scrim!);
  root.replaceChildren(shell.layout);
  return shell;
}

/** Up to two initials of a display name, for its avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[words.length - 1]![0]! : name.trim().slice(0, 2)).toUpperCase();
}

function closeButton(label: string): HTMLButtonElement {
  return h("button", { class: "icon-button drawer-close", type: "button", "aria-label": label }, icon("close"));
}
