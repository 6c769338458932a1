import { connectErrorOf } from "@socket-contract/client";
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
    const contractError = connectErrorOf(error);
    login.showError(contractError?.code === "UNAUTHORIZED" ? "That name is not accepted: use 1 to 32 characters." : `Cannot reach the chat server (${error.message}).`);
  };
  const admitted = () => {
    chat.socket.off("connect_error", refused);
    startChatScreen(root, chat, name);
  };
  chat.socket.once("connect", admitted);
  chat.socket.once("connect_error", refused);
});
