import { NAME_TAKEN } from "@chat-example/contract";
import type { ChatClient } from "@chat-example/contract/client";
import { connectErrorOf } from "@socket-contract/client";
import { h } from "./dom.js";
import { icon } from "./views/icons.js";
import type { Shell } from "./views/shell-view.js";

export interface ConnectionStatus {
  online(): boolean;
}

/**
 * Shows the connection's state, in the corner and as a banner across the conversation while it is
 * down, and tells `onChange` so the screen can refuse to send. Calls need no guard: the client is
 * bound with `whenOffline: "fail"` (see connection.ts), so a call made offline rejects at once with
 * `DISCONNECTED` and is never sent, and one cut off by a drop rejects with `DISCONNECTED` then.
 *
 * @example
 * const connection = trackConnection(chat.socket, shell, "Ada", () => drawActive());
 * shell.sendButton.disabled = !connection.online();
 */
export function trackConnection(
  socket: ChatClient["socket"],
  shell: Shell,
  name: string,
  onChange: () => void,
): ConnectionStatus {
  const paint = (online: boolean, why = "reconnecting…", action?: HTMLElement) => {
    shell.status.dataset.status = online ? "online" : "offline";
    shell.status.textContent = online ? "Online" : "Offline";
    shell.connectionBanner.hidden = online;
    shell.connectionBanner.replaceChildren(
      icon("offline"),
      h("span", {}, h("strong", {}, "You are offline"), ` — ${why}`),
      action ?? "",
    );
  };
  const show = (online: boolean, why?: string, action?: HTMLElement) => {
    paint(online, why, action);
    onChange();
  };
  const offline = () => show(false);
  socket.on("connect", () => show(true));
  socket.on("disconnect", offline);
  socket.on("connect_error", (error) => {
    // A refusal from the server (not a network failure) is final: Socket.IO does not retry it.
    const refused = connectErrorOf(error);
    if (refused === undefined) return offline();
    const why =
      refused.code === NAME_TAKEN
        ? `while you were away, someone else took the name “${name}”.`
        : `the chat refused to reconnect: ${refused.message}`;
    show(
      false,
      why,
      h("button", { class: "button banner-button", type: "button", onclick: () => location.reload() }, "Reload"),
    );
  });
  paint(socket.connected);

  return { online: () => socket.connected };
}
