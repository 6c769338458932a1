import type { Attachment, Member, Message, RoomSummary } from "@chat-example/contract";
import type { z } from "zod";

export type ChatMessage = z.output<typeof Message>;
export type ChatMember = z.output<typeof Member>;
export type ChatAttachment = z.output<typeof Attachment>;
export type ChatRoomSummary = z.output<typeof RoomSummary>;
