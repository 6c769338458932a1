export type { ChatNamespace, ChatSocket } from "@chat-example/contract/server";
export type { Member as ChatMember, Message as ChatMessage } from "@chat-example/contract";
