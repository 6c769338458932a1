import type { ClientToServerOf, ContractDefinition, ContractError, EventDefinition, ServerToClientOf } from "@socket-contract/contract";

export interface BindClientOptions {
  /** How long an emit waits for its acknowledgement when no `timeout(ms)` is given. Default 10,000 ms. */
  readonly ackTimeout?: number;
  /**
   * How deep an incoming value (an event's arguments, an ack, error data) may nest where its schema
   * is recursive; deeper input is refused with `INVALID_PAYLOAD` (issue code `too_deep`) before it
   * is parsed. Default 128 (a tree of 64 generations of `{ children: [...] }`); `Infinity` turns it off. The server's `maxDepth` does the same.
   */
  readonly maxDepth?: number;
}

/** Sees `contract:error` reports from the server and every incoming event this client refused. */
export type ClientErrorHandler = (error: ContractError) => void;

export type SendEvents<TContract extends ContractDefinition, TPath extends string> = ClientToServerOf<TContract, TPath>;
export type ReceiveEvents<TContract extends ContractDefinition, TPath extends string> = ServerToClientOf<TContract, TPath>;
export type SendEventName<TContract extends ContractDefinition, TPath extends string> = keyof SendEvents<TContract, TPath> & string;
export type ReceiveEventName<TContract extends ContractDefinition, TPath extends string> = keyof ReceiveEvents<TContract, TPath> & string;

/** The definition of one event in a direction's event map. */
export type EventOf<TEvents, TName> = Extract<TEvents[TName & keyof TEvents], EventDefinition>;
