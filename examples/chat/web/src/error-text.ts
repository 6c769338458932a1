import { MAX_MESSAGE_LENGTH, MAX_STREAMED_FILE_BYTES } from "@chat-example/contract";
import { ContractError } from "@socket-contract/client";
import { formatBytes } from "./dom.js";

/** A title and a sentence a person can act on. */
export interface ErrorText {
  readonly title: string;
  readonly detail: string;
}

/** What the person was doing: sending this text or file, or joining this room. */
export interface ErrorContext {
  readonly text?: string;
  readonly file?: Blob;
  readonly room?: string;
}

/**
 * Turns what a call rejected with into words for the person: the contract's codes first (a
 * message too long, a file too large, a full room), then the runtime's built-in ones. A failed
 * join says so in its title, with the reason below.
 *
 * @example
 * toast(errorText(error, { text }));
 * toast(errorText(error, { room: "help" })); // "Could not join #help", "It is full (50 people). ..."
 */
export function errorText(error: unknown, context: ErrorContext = {}): ErrorText {
  if (context.room !== undefined) return { title: `Could not join #${context.room}`, detail: joinReason(error) };
  if (!ContractError.is(error))
    return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
  const issue = error.issues?.[0];
  const field = issue?.path[issue.path.length - 1];
  switch (error.code) {
    case "INVALID_PAYLOAD":
      if (field === "text" && issue?.code === "too_big") {
        return {
          title: "Message too long",
          detail: `${context.text?.trim().length ?? "It"} characters: the limit is ${MAX_MESSAGE_LENGTH}. Shorten it and send again.`,
        };
      }
      // The page streams files (`file:stream`): a file's size is checked before any byte is sent.
      if (field === "size" && issue?.code === "too_big") {
        const size = context.file === undefined ? "" : `${formatBytes(context.file.size)}: `;
        return { title: "File too large", detail: `${size}the limit is ${formatBytes(MAX_STREAMED_FILE_BYTES)}.` };
      }
      if (field === "size" && issue?.code === "too_small")
        return { title: "Empty file", detail: "That file has no content." };
      return { title: "Not sent", detail: issue?.message ?? error.message };
    case "SIZE_MISMATCH":
      return { title: "File changed", detail: "The file changed on disk while it was sent. Attach it again." };
    case "NOT_IN_ROOM":
      return { title: "Not in that room", detail: "Join the room again, then send." };
    case "RATE_LIMITED":
      return { title: "Slow down", detail: "You are sending faster than the server accepts. Wait a moment." };
    case "TIMEOUT":
      return { title: "No answer", detail: "The server did not answer in time. Check your connection and try again." };
    case "DISCONNECTED":
      return offlineText(context);
    case "UNAUTHORIZED":
      return { title: "Not allowed", detail: error.message };
    default:
      return { title: "Something went wrong", detail: error.message };
  }
}

function offlineText(context: ErrorContext): ErrorText {
  if (context.text !== undefined)
    return {
      title: "You are offline",
      detail: "Not sent: your message stays in the box. Send it once the chat is back.",
    };
  if (context.file !== undefined)
    return { title: "You are offline", detail: "Not sent: attach the file again once the chat is back." };
  return { title: "You are offline", detail: "Try again once the chat is back." };
}

function joinReason(error: unknown): string {
  if (ContractError.is(error, "DISCONNECTED")) return "You are offline. Try again once the chat is back.";
  if (ContractError.is(error, "ROOM_FULL")) {
    const { capacity } = error.data as { capacity: number };
    return `It is full (${capacity} ${capacity === 1 ? "person" : "people"}). Try another room.`;
  }
  // A name the contract refuses never leaves the page: its issue says what a room name may be.
  if (ContractError.is(error, "INVALID_PAYLOAD")) return error.issues?.[0]?.message ?? error.message;
  return errorText(error).detail;
}
