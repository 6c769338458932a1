import { MAX_MESSAGE_LENGTH } from "@chat-example/contract";
import { trackActivity } from "./activity.js";
import type { ChatClient } from "@chat-example/contract/client";
import { ContractError } from "@socket-contract/client";
import { trackConnection } from "./connection-status.js";
import { h } from "./dom.js";
import { errorText } from "./error-text.js";
import { uploadFile } from "./file-upload.js";
import { wireSearch } from "./search.js";
import { typingBoard, typingSender } from "./typing.js";
import type { ChatMember, ChatMessage, ChatRoomSummary } from "./types.js";
import { appendMessage, renderMessages } from "./views/messages-view.js";
import { wireDrawers } from "./views/drawers.js";
import { icon } from "./views/icons.js";
import { renderShell } from "./views/shell-view.js";
import { counted, renderMembers, renderRooms, typingText } from "./views/sidebar-views.js";
import { showToast } from "./views/toasts.js";
import { renderUpload } from "./views/upload-view.js";

interface JoinedRoom {
  messages: ChatMessage[];
  members: ChatMember[];
  unread: number;
}

const FIRST_ROOM = "general";
const ROOM_LIST_REFRESH_MS = 20_000;

/**
 * The chat screen of a connected person: joins `general`, then keeps rooms, messages, people and
 * typing in step with the server. Every refused call ends in a toast that says why.
 *
 * @example
 * startChatScreen(document.getElementById("app")!, connectChat("Ada"), "Ada");
 */
export function startChatScreen(root: HTMLElement, chat: ChatClient, name: string): void {
  const shell = renderShell(root, name);
  const drawers = wireDrawers(shell);
  const connection = trackConnection(chat.socket, shell, name, () => drawComposer());
  const joined = new Map<string, JoinedRoom>();
  const typists = typingBoard(() => drawTyping());
  // Offline, Socket.IO would buffer a "typing" and deliver it, stale, on reconnection.
  const typing = typingSender((room, isTyping) => connection.online() && chat.typing(room, isTyping));
  const activity = trackActivity();
  let available: ChatRoomSummary[] = [];
  let active: string | undefined;
  const ownId = () => chat.socket.id;
  const fail = (error: unknown, context?: Parameters<typeof errorText>[1]) => showToast(errorText(error, context));
  const search = wireSearch(shell, chat, () => active);

  const drawRooms = () => {
    const names = new Set([...available.map((room) => room.name), ...joined.keys()]);
    const entries = [...names].map((room) => ({
      name: room,
      joined: joined.has(room),
      unread: joined.get(room)?.unread ?? 0,
      members: joined.get(room)?.members.length ?? available.find((summary) => summary.name === room)?.members ?? 0,
    }));
    renderRooms(shell.roomList, entries, active, (room) => void open(room));
  };
  const drawTyping = () => {
    shell.typingLine.textContent = active === undefined ? "" : typingText(typists.names(active));
  };
  const drawMembers = () => {
    const members = active === undefined ? [] : (joined.get(active)?.members ?? []);
    renderMembers(shell.memberList, shell.memberCount, members, ownId());
    shell.roomMeta.textContent = active === undefined ? "" : `${counted(members.length, "person", "people")} here`;
    shell.peopleToggle.replaceChildren(icon("people"), h("span", {}, String(members.length)));
    shell.peopleToggle.setAttribute("aria-label", `People in this room: ${members.length}`);
  };
  const drawComposer = () => {
    const room = active === undefined ? undefined : joined.get(active);
    // Offline, the box stays editable (a draft is kept) but nothing can be sent: the banner says why.
    shell.textInput.disabled = room === undefined;
    for (const control of [shell.sendButton, shell.attachButton])
      control.disabled = room === undefined || !connection.online();
    shell.textInput.placeholder = active === undefined ? "Join a room to write" : `Message #${active}`;
  };
  const drawActive = () => {
    const room = active === undefined ? undefined : joined.get(active);
    shell.roomTitle.textContent = active === undefined ? "No room open" : `# ${active}`;
    shell.leaveButton.hidden = active === undefined;
    shell.searchForm.hidden = active === undefined;
    drawComposer();
    renderMessages(shell.messages, room?.messages ?? [], ownId());
    drawMembers();
    drawTyping();
    drawRooms();
  };
  const addMessage = (message: ChatMessage) => {
    const room = joined.get(message.room);
    if (room === undefined || room.messages.some((known) => known.id === message.id)) return;
    const previous = room.messages.at(-1);
    room.messages.push(message);
    if (message.room === active) appendMessage(shell.messages, message, previous, ownId());
    else {
      room.unread += 1;
      drawRooms();
    }
  };

  const refreshRooms = async () => {
    try {
      available = await chat.roomList();
      drawRooms();
    } catch (error) {
      // Offline, the banner already says so; the list is fetched again on reconnection.
      if (!ContractError.is(error, "DISCONNECTED")) fail(error);
    }
  };
  const join = async (room: string): Promise<boolean> => {
    try {
      const answer = await chat.roomJoin(room);
      joined.set(room, { messages: answer.history, members: answer.members, unread: 0 });
      return true;
    } catch (error) {
      fail(error, { room });
      return false;
    }
  };
  const open = async (room: string): Promise<boolean> => {
    if (!joined.has(room) && !(await join(room))) return false;
    if (active !== undefined && active !== room) {
      typing.stop();
      search.close();
    }
    active = room;
    joined.get(room)!.unread = 0;
    drawers.close();
    drawActive();
    shell.textInput.focus();
    return true;
  };
  const leave = async () => {
    const room = active;
    if (room === undefined) return;
    typing.stop();
    try {
      await chat.roomLeave(room);
    } catch (error) {
      return void fail(error);
    }
    joined.delete(room);
    search.close();
    active = joined.keys().next().value;
    drawActive();
    void refreshRooms();
  };
  const send = async () => {
    const room = active;
    const text = shell.textInput.value;
    if (room === undefined || text.trim() === "") return;
    typing.stop();
    try {
      addMessage(await chat.messageSend({ room, text }));
      shell.textInput.value = "";
      updateComposer();
    } catch (error) {
      fail(error, { text });
    }
  };
  const upload = async (file: File) => {
    const room = active;
    if (room === undefined) return;
    const controller = new AbortController();
    const row = renderUpload(shell.uploads, file, () => controller.abort());
    try {
      addMessage(await uploadFile(chat, room, file, { onProgress: row.progress, signal: controller.signal }));
    } catch (error) {
      // Cancelled by the person: the row goes, nothing to say.
      if (!controller.signal.aborted) fail(error, { file });
    } finally {
      row.remove();
    }
  };
  const updateComposer = () => {
    const length = shell.textInput.value.trim().length;
    shell.counter.textContent = length > MAX_MESSAGE_LENGTH - 100 ? `${length} / ${MAX_MESSAGE_LENGTH}` : "";
    shell.counter.classList.toggle("is-over", length > MAX_MESSAGE_LENGTH);
    shell.textInput.style.height = "auto";
    shell.textInput.style.height = `${Math.min(shell.textInput.scrollHeight, 160)}px`;
  };

  shell.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    void send();
  });
  shell.textInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  shell.textInput.addEventListener("input", () => {
    updateComposer();
    if (active !== undefined && shell.textInput.value !== "") typing.keystroke(active);
  });
  shell.attachButton.addEventListener("click", () => shell.fileInput.click());
  shell.fileInput.addEventListener("change", () => {
    const file = shell.fileInput.files?.[0];
    shell.fileInput.value = "";
    if (file !== undefined) void upload(file);
  });
  shell.leaveButton.addEventListener("click", () => void leave());
  shell.joinForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const room = shell.joinInput.value.trim().toLowerCase();
    if (room === "") return;
    // The typed name stays until the join succeeds, so a refused one can be corrected.
    void open(room).then((opened) => {
      if (opened) shell.joinInput.value = "";
      else shell.joinInput.focus();
    });
  });

  chat.onMessage(addMessage);
  chat.onTyping((room, author, isTyping) => typists.set(room, author, isTyping));
  chat.onPresence(({ room, members }) => {
    const state = joined.get(room);
    if (state === undefined) return;
    state.members = members;
    if (room === active) drawMembers();
    drawRooms();
  });
  chat.onPing(() => ({ away: activity.away() }));

  chat.socket.on("connect", () => {
    // A new connection starts in no room: join again the ones the person had open.
    const rooms = [...joined.keys()];
    void Promise.all(rooms.map(join)).then(drawActive).then(refreshRooms);
  });
  const refresher = setInterval(() => chat.socket.connected && void refreshRooms(), ROOM_LIST_REFRESH_MS);
  window.addEventListener("pagehide", () => clearInterval(refresher));

  drawActive();
  void refreshRooms().then(() => open(FIRST_ROOM));
}
