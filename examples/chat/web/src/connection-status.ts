import { NAME_TAKEN } from "@chat-example/contract";
import type { ChatClient } from "@chat-example/contract/client";
import { connectErrorOf } from "@socket-contract/client";
import { h } from "./dom.js";
import { icon } from "./views/icons.js";
import type { Shell } from "./views/shell-view.js";

/** A call refused because the page is offline, or cut off because the connection dropped before the answer. */
export class OfflineError extends Error {
  constructor() {
    super("You are offline.");
    this.name = "OfflineError";
  }
}

export interface ConnectionStatus {
  online(): boolean;
  /**
   * Runs a call only while connected. Offline it is not sent at all (Socket.IO would buffer it and
   * send it on reconnection, long after the person gave up on it) and rejects with `OfflineError`
   * at once; a connection that drops before the answer rejects it at that moment, not after the
   * ack timeout.
   */
  guard<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * Shows the connection's state, in the corner and as a banner across the conversation while it is
 * down, and tells `onChange` so the screen can refuse to send.
 *
 * @example
 * const connection = trackConnection(chat.socket, shell, "Ada", () => drawActive());
 * await connection.guard(() => chat.messageSend({ room, text }));
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

  return {
    online: () => socket.connected,
    guard<T>(call: () => Promise<T>): Promise<T> {
      if (!socket.connected) return Promise.reject(new OfflineError());
      return new Promise<T>((resolve, reject) => {
        const dropped = () => reject(new OfflineError());
        socket.once("disconnect", dropped);
        // The call's own late outcome is ignored once the drop has rejected; it is never left unhandled.
        void call()
          .then(resolve, reject)
          .finally(() => socket.off("disconnect", dropped));
      });
    },
  };
}
