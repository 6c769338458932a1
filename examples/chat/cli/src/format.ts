import type { Message } from "@chat-example/contract";

/**
 * One line per message, as a terminal shows it: `[14:02] #general Ada: hello`. A file becomes its
 * name, size and the full URL to fetch it.
 *
 * @example
 * console.log(formatMessage(message, "http://localhost:3000"));
 */
export function formatMessage(message: Message, baseUrl: string): string {
  const time = new Date(message.at).toTimeString().slice(0, 5);
  const attachment =
    message.attachment === undefined
      ? ""
      : `${message.text === "" ? "" : " "}[${message.attachment.name}, ${message.attachment.size} bytes: ${new URL(message.attachment.url, baseUrl).href}]`;
  return `[${time}] #${message.room} ${message.author.name}: ${message.text}${attachment}`;
}
