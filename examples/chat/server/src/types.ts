import type { contract, Member, Message } from "@chat-example/contract";
import type { Contract } from "@socket-contract/contract";
import type { BoundNamespace, BoundSocket } from "@socket-contract/server";
import type { z } from "zod";

type ChatDefinition = typeof contract extends Contract<infer TDefinition> ? TDefinition : never;

export type ChatNamespace = BoundNamespace<ChatDefinition, "/chat">;
export type ChatSocket = BoundSocket<ChatDefinition, "/chat">;
export type ChatMessage = z.output<typeof Message>;
export type ChatMember = z.output<typeof Member>;
