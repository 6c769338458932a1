import { MAX_MESSAGE_LENGTH, MAX_UPLOAD_BYTES } from "@chat-example/contract";
import { ContractError } from "@socket-contract/client";
import { formatBytes } from "./dom.js";

/** A title and a sentence a person can act on. */
export interface ErrorText {
  readonly title: string;
  readonly detail: string;
}

/**
 * Turns what a call rejected with into words for the person: the contract's codes first (a
 * message too long, a file too large, a full room), then the runtime's built-in ones.
 *
 * @example
 * toast(errorText(error, { text }));
 */
export function errorText(error: unknown, context: { text?: string; file?: Blob } = {}): ErrorText {
  if (!ContractError.is(error)) return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
  const issue = error.issues?.[0];
  const field = issue?.path[issue.path.length - 1];
  switch (error.code) {
    case "INVALID_PAYLOAD":
      if (field === "text" && issue?.code === "too_big") {
        return { title: "Message too long", detail: `${context.text?.trim().length ?? "It"} characters: the limit is ${MAX_MESSAGE_LENGTH}. Shorten it and send again.` };
      }
      if (field === "bytes" && issue?.code === "too_big") {
        const size = context.file === undefined ? "" : `${formatBytes(context.file.size)}: `;
        return { title: "File too large", detail: `${size}the limit is ${formatBytes(MAX_UPLOAD_BYTES)}.` };
      }
      if (field === "bytes" && issue?.code === "too_small") return { title: "Empty file", detail: "That file has no content." };
      return { title: "Not sent", detail: issue?.message ?? error.message };
    case "ROOM_FULL": {
      const { room, capacity } = error.data as { room: string; capacity: number };
      return { title: "Room full", detail: `#${room} already holds ${capacity} people. Try another room.` };
    }
    case "NOT_IN_ROOM":
      return { title: "Not in that room", detail: "Join the room again, then send." };
    case "RATE_LIMITED":
      return { title: "Slow down", detail: "You are sending faster than the server accepts. Wait a moment." };
    case "TIMEOUT":
      return { title: "No answer", detail: "The server did not answer in time. Check your connection and try again." };
    case "DISCONNECTED":
      return { title: "Offline", detail: "The connection dropped before the server answered. Reconnecting…" };
    case "UNAUTHORIZED":
      return { title: "Not allowed", detail: error.message };
    default:
      return { title: "Something went wrong", detail: error.message };
  }
}
