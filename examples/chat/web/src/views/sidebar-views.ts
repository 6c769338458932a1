import { h } from "../dom.js";
import type { ChatMember } from "../types.js";
import { icon } from "./icons.js";
import { initials } from "./shell-view.js";

export interface RoomEntry {
  readonly name: string;
  readonly joined: boolean;
  readonly unread: number;
  readonly members: number;
}

/**
 * The room list: joined rooms first, then the others. Unread messages show as a bright pill; how
 * many people are in a room shows as a muted person icon and a number, so the two never look alike.
 *
 * @example
 * renderRooms(shell.roomList, entries, "general", (room) => open(room));
 */
export function renderRooms(
  list: HTMLUListElement,
  rooms: readonly RoomEntry[],
  active: string | undefined,
  onSelect: (room: string) => void,
): void {
  const sorted = [...rooms].sort((a, b) => Number(b.joined) - Number(a.joined) || a.name.localeCompare(b.name));
  list.replaceChildren(
    ...sorted.map((room) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            class: `room-button${room.name === active ? " is-active" : ""}${room.joined ? " is-joined" : ""}`,
            type: "button",
            "data-room": room.name,
            onclick: () => onSelect(room.name),
          },
          h("span", { class: "room-hash", "aria-hidden": "true" }, "#"),
          h("span", { class: "room-name" }, room.name),
          // The words beside each number are for screen readers: "general, 2 unread, 3 people".
          room.unread > 0
            ? h(
                "span",
                { class: "badge-unread", title: counted(room.unread, "unread message") },
                String(room.unread),
                hidden(" unread"),
              )
            : null,
          room.members > 0
            ? h(
                "span",
                { class: "room-count", title: `${counted(room.members, "person", "people")} in #${room.name}` },
                icon("person"),
                String(room.members),
                hidden(room.members === 1 ? " person" : " people"),
              )
            : null,
        ),
      ),
    ),
  );
}

/** "1 person", "3 people", "2 unread messages". */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const hidden = (text: string) => h("span", { class: "visually-hidden" }, text);

/**
 * The people in the active room, away ones dimmed.
 *
 * @example
 * renderMembers(shell.memberList, shell.memberCount, members, socket.id);
 */
export function renderMembers(
  list: HTMLUListElement,
  count: HTMLElement,
  members: readonly ChatMember[],
  ownId: string | undefined,
): void {
  count.textContent = members.length === 0 ? "" : String(members.length);
  list.replaceChildren(
    ...members.map((member) =>
      h(
        "li",
        { class: `member${member.away ? " is-away" : ""}`, "data-member": member.id },
        h(
          "span",
          { class: "avatar", "aria-hidden": "true" },
          initials(member.name),
          h("span", { class: "presence-dot" }),
        ),
        // A long name is cut short, never the "(you)" after it.
        h(
          "span",
          { class: "member-name" },
          h("span", { class: "member-label" }, member.name),
          member.id === ownId ? h("span", { class: "member-you" }, " (you)") : null,
        ),
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
