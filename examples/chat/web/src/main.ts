import { NAME_TAKEN, type NameTakenData } from "@chat-example/contract";
import { type ContractError, connectErrorOf } from "@socket-contract/client";
import { startChatScreen } from "./chat-screen.js";
import { connectChat } from "./connection.js";
import { byId } from "./dom.js";
import { renderLogin } from "./views/login-view.js";
import * as z from "zod/mini";
import "./styles.css";

// The page runs under a CSP without 'unsafe-eval': zod must not even try to compile its parsers.
z.config({ jitless: true });

const root = byId("app");

const login = renderLogin(root, (name) => {
  login.setBusy(true);
  const chat = connectChat(name);
  const refused = (error: Error) => {
    chat.socket.off("connect", admitted);
    chat.socket.disconnect();
    login.setBusy(false);
    login.showError(refusalText(connectErrorOf(error), error));
  };
  const admitted = () => {
    chat.socket.off("connect_error", refused);
    startChatScreen(root, chat, name);
  };
  chat.socket.once("connect", admitted);
  chat.socket.once("connect_error", refused);
});

/** Why the server turned the person away, in words they can act on. */
function refusalText(refused: ContractError | undefined, error: Error): string {
  if (refused?.code === NAME_TAKEN)
    return `Someone here is already called “${(refused.data as NameTakenData).name}”. Pick another name.`;
  if (refused?.code === "UNAUTHORIZED") return "That name is not accepted: use 1 to 32 characters.";
  return `Cannot reach the chat server (${error.message}).`;
}
