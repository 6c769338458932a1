export { type ChatApp, type ChatAppOptions, startChatApp } from "./chat-app.js";
export { CONTENT_SECURITY_POLICY } from "./static-files.js";
