// A contract written as types alone, as the generator writes it: TypeOnlySchema in place of each
// schema, no Zod type anywhere. The runtimes typed by it must read exactly as typed by inference.
import type { Contract, ContractError, TypeOnlySchema, TypeOnlyStreamOf } from "@socket-contract/contract";

export interface Message {
  id: string;
  text: string;
}

export type ClientToServerTypes = {
  readonly "message:send": {
    readonly args: readonly [payload: TypeOnlySchema<{ room: string; text: string }>];
    readonly ack: TypeOnlySchema<Message>;
    readonly errors: { readonly ROOM_FULL: TypeOnlySchema<{ capacity: number }> };
  };
  readonly "avatar:upload": {
    readonly args: readonly [payload: TypeOnlySchema<{ bytes: Uint8Array | ArrayBuffer }, { bytes: Uint8Array }>];
    readonly ack: TypeOnlySchema<{ url: string }>;
  };
  readonly typing: { readonly args: readonly [room: TypeOnlySchema<string>, isTyping: TypeOnlySchema<boolean>] };
  readonly search: {
    readonly args: readonly [query: TypeOnlySchema<string>];
    readonly stream: TypeOnlySchema<Message>;
  };
  readonly upload: {
    readonly args: readonly [name: TypeOnlySchema<string>, chunks: TypeOnlyStreamOf<Uint8Array>];
    readonly ack: TypeOnlySchema<{ bytes: number }>;
  };
};

export type ServerToClientTypes = {
  readonly message: { readonly args: readonly [message: TypeOnlySchema<Message>] };
  readonly ping: { readonly args: readonly []; readonly ack: TypeOnlySchema<"pong"> };
};

export interface ChatTypes {
  readonly auth: TypeOnlySchema<{ token: string }>;
  readonly data: TypeOnlySchema<{ userId: string }>;
  readonly clientToServer: ClientToServerTypes;
  readonly serverToClient: ServerToClientTypes;
}

export interface ContractTypes extends Contract {
  readonly namespaces: { readonly "/chat": ChatTypes };
  readonly serverToServer: { readonly "cache:invalidate": { readonly args: readonly [key: TypeOnlySchema<string>] } };
}

export declare const typedContract: ContractTypes;
export type RoomFull = ContractError<"ROOM_FULL", { capacity: number }>;
