#!/usr/bin/env node
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { runChatCli } from "./chat-cli.js";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.CHAT_URL ?? "http://localhost:3000" },
    name: { type: "string", default: `${userInfo().username}-cli` },
    room: { type: "string", default: "general" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    "Usage: chat-cli [--url http://localhost:3000] [--name NAME] [--room general]\nPrints the room's messages; each line you type is sent; /quit leaves.",
  );
} else {
  await runChatCli({
    url: values.url,
    name: values.name,
    room: values.room,
    input: process.stdin,
    output: process.stdout,
  });
  process.exit(0);
}
