import { PassThrough } from "node:stream";
import { runChatCli } from "@chat-example/cli";
import { describe, expect, it } from "vitest";
import { connectAs, next, startApp } from "./support.js";

function terminal(): {
  input: PassThrough;
  output: PassThrough;
  lines: string[];
  until(match: RegExp): Promise<string>;
} {
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: string[] = [];
  let buffer = "";
  const waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  output.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      lines.push(line);
      for (const waiter of waiters.filter((candidate) => candidate.match.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const until = (match: RegExp) => {
    const seen = lines.find((line) => match.test(line));
    return seen !== undefined
      ? Promise.resolve(seen)
      : new Promise<string>((resolve) => waiters.push({ match, resolve }));
  };
  return { input, output, lines, until };
}

describe("the chat CLI", () => {
  it("joins a room, prints its history and new messages, and sends the lines typed", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await ada.roomJoin("general");
    await ada.messageSend({ room: "general", text: "before the bot" });

    const term = terminal();
    const done = runChatCli({ url: app.url, name: "Bot", room: "general", input: term.input, output: term.output });
    await term.until(/^\* joined #general as Bot \(2 here\)/);
    expect(await term.until(/before the bot/)).toMatch(/^\[\d\d:\d\d\] #general Ada: before the bot$/);

    await ada.messageSend({ room: "general", text: "hello bot" });
    await term.until(/#general Ada: hello bot$/);

    const received = next((handler) => ada.onMessage(handler));
    term.input.write("hello Ada\n");
    const [message] = await received;
    expect(message).toMatchObject({ room: "general", text: "hello Ada", author: { name: "Bot" } });

    term.input.write(`${"y".repeat(1_001)}\n`);
    expect(await term.until(/^! not sent/)).toBe(
      "! not sent: INVALID_PAYLOAD text: Too big: expected string to have <=1000 characters",
    );
    term.input.write("/quit\n");
    await done;
  });
});
