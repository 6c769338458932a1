import { h } from "../dom.js";
import type { ChatMember } from "../types.js";
import { initials } from "./shell-view.js";

export interface RoomEntry {
  readonly name: string;
  readonly joined: boolean;
  readonly unread: number;
  readonly members: number;
}

/**
 * The room list: joined rooms first (with unread counts), then the others with how many people are in them.
 *
 * @example
 * renderRooms(shell.roomList, entries, "general", (room) => open(room));
 */
export function renderRooms(list: HTMLUListElement, rooms: readonly RoomEntry[], active: string | undefined, onSelect: (room: string) => void): void {
  const sorted = [...rooms].sort((a, b) => Number(b.joined) - Number(a.joined) || a.name.localeCompare(b.name));
  list.replaceChildren(
    ...sorted.map((room) => {
      const badge = room.joined ? (room.unread > 0 ? h("span", { class: "badge badge-unread", title: `${room.unread} unread` }, String(room.unread)) : null) : h("span", { class: "badge", title: "people in the room" }, String(room.members));
      return h(
        "li",
        {},
        h(
          "button",
          { class: `room-button${room.name === active ? " is-active" : ""}${room.joined ? " is-joined" : ""}`, type: "button", "data-room": room.name, onclick: () => onSelect(room.name) },
          h("span", { class: "room-hash", "aria-hidden": "true" }, "#"),
          h("span", { class: "room-name" }, room.name),
          badge,
        ),
      );
    }),
  );
}

/**
 * The people in the active room, away ones dimmed.
 *
 * @example
 * renderMembers(shell.memberList, shell.memberCount, members, socket.id);
 */
export function renderMembers(list: HTMLUListElement, count: HTMLElement, members: readonly ChatMember[], ownId: string | undefined): void {
  count.textContent = members.length === 0 ? "" : String(members.length);
  list.replaceChildren(
    ...members.map((member) =>
      h(
        "li",
        { class: `member${member.away ? " is-away" : ""}`, "data-member": member.id },
        h("span", { class: "avatar", "aria-hidden": "true" }, initials(member.name), h("span", { class: "presence-dot" })),
        h("span", { class: "member-name" }, member.name, member.id === ownId ? h("span", { class: "member-you" }, " (you)") : null),
        member.away ? h("span", { class: "member-state" }, "away") : null,
      ),
    ),
  );
}

/**
 * "Ada is typing…", "Ada and Grace are typing…", "Several people are typing…".
 *
 * @example
 * shell.typingLine.textContent = typingText(["Ada"]);
 */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return "Several people are typing…";
}
