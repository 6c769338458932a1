import type { contract, Member, Message } from "@chat-example/contract";
import type { BoundNamespace, BoundSocket } from "@socket-contract/server";
import type { z } from "zod";

export type ChatNamespace = BoundNamespace<typeof contract, "/chat">;
export type ChatSocket = BoundSocket<typeof contract, "/chat">;
export type ChatMessage = z.output<typeof Message>;
export type ChatMember = z.output<typeof Member>;
