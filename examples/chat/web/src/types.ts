export type {
  Attachment as ChatAttachment,
  Member as ChatMember,
  Message as ChatMessage,
  RoomSummary as ChatRoomSummary,
} from "@chat-example/contract";
