import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { bindChatClient } from "@chat-example/contract/client";
import { ContractError, connectErrorOf } from "@socket-contract/client";
import { io } from "socket.io-client";
import * as z from "zod/mini";
import { formatMessage } from "./format.js";

// The contract is written in zod/mini, which loads no locale: issue messages shown to people
// ("Too big: expected string to have <=1000 characters") come from Zod's English one.
z.config(z.locales.en());

export interface ChatCliOptions {
  /** The chat server, such as `http://localhost:3000`. */
  readonly url: string;
  readonly name: string;
  readonly room: string;
  /** Lines to send; `/quit` (or the end of input) leaves. */
  readonly input: Readable;
  readonly output: Writable;
}

/**
 * Joins a room as `name`, prints its history and every message that follows, and sends each line
 * of `input`. Resolves when the person quits or the connection is refused or lost for good.
 *
 * @example
 * await runChatCli({ url: "http://localhost:3000", name: "bot", room: "general", input: process.stdin, output: process.stdout });
 */
export async function runChatCli({ url, name, room, input, output }: ChatCliOptions): Promise<void> {
  const print = (line: string): void => {
    output.write(`${line}\n`);
  };
  const socket = io(new URL("/chat", url).href, { auth: { name }, transports: ["websocket"], reconnectionAttempts: 5 });
  const chat = bindChatClient(socket);
  const lines = createInterface({ input, terminal: false });

  chat.onMessage((message) => print(formatMessage(message, url)));
  chat.onPresence((presence) => {
    if (presence.room === room)
      print(
        `* in #${room}: ${presence.members.map((member) => member.name + (member.away ? " (away)" : "")).join(", ")}`,
      );
  });
  // A terminal has no idle detection worth the name: whoever runs this is at the keyboard.
  chat.onPing(() => ({ away: false }));
  chat.onContractError((error) => print(`! ${error.code}: ${error.message}`));

  // Lines wait for the room to be joined, and go out one after the other, in the order typed.
  let markJoined!: () => void;
  let queue = new Promise<void>((resolve) => (markJoined = resolve));
  const finished = new Promise<void>((resolve) => {
    const finish = () => {
      lines.close();
      socket.disconnect();
      resolve();
    };
    socket.on("connect_error", (error) => {
      const refused = connectErrorOf(error);
      if (refused !== undefined) {
        print(`! the server refused the connection: ${refused.code} ${refused.message}`);
        finish();
      }
    });
    socket.io.on("reconnect_failed", () => {
      print(`! cannot reach ${url}`);
      finish();
    });
    lines.on("close", () => void queue.then(finish));
    lines.on("line", (line) => {
      if (line.trim() === "/quit") return void queue.then(finish);
      if (line.trim() === "") return;
      queue = queue.then(() =>
        chat.messageSend({ room, text: line }).then(
          (message) => print(formatMessage(message, url)),
          (error: unknown) => print(`! not sent: ${describe(error)}`),
        ),
      );
    });
  });

  socket.on("connect", () => {
    chat.roomJoin(room).then(
      ({ history, members }) => {
        print(`* joined #${room} as ${name} (${members.length} here); type a line to send it, /quit to leave`);
        for (const message of history) print(formatMessage(message, url));
        markJoined();
      },
      (error: unknown) => {
        print(`! cannot join #${room}: ${describe(error)}`);
        markJoined();
        lines.close();
      },
    );
  });
  return finished;
}

function describe(error: unknown): string {
  if (!ContractError.is(error)) return error instanceof Error ? error.message : String(error);
  const issues = error.issues?.map((issue) => `${issue.path.slice(1).join(".")}: ${issue.message}`).join("; ");
  return `${error.code} ${issues === undefined || issues === "" ? error.message : issues}`;
}
