export { type ChatCliOptions, runChatCli } from "./chat-cli.js";
export { formatMessage } from "./format.js";
