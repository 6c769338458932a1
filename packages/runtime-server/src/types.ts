import type {
  ClientToServerOf,
  ContractDefinition,
  ContractError,
  EventDefinition,
  InferAckOutput,
  InferNamespacePath,
  ServerToClientOf,
  ServerToServerOf,
} from "@socket-contract/contract";

/** Where an error happened, as `onError` is told. */
export interface ErrorContext {
  readonly namespace: string;
  readonly event?: string;
  readonly socketId?: string;
}

/** Sees every refused input, every handler failure and every refused acknowledgement. */
export type ErrorHandler = (error: ContractError, context: ErrorContext) => void;

export interface BindServerOptions {
  /** How long an emit waits for its acknowledgement when no `timeout(ms)` is given. Default 10,000 ms. */
  readonly ackTimeout?: number;
  /**
   * Called for every refused input and handler failure. Default: failures that are the server's
   * own bugs (`HANDLER_ERROR`, `INVALID_ACK`) are printed with `console.error`; refused client input
   * is not, since any stranger can send it.
   */
  readonly onError?: ErrorHandler;
}

export type ClientEvents<TContract extends ContractDefinition, TPath extends string> = ClientToServerOf<TContract, TPath>;
export type ServerEvents<TContract extends ContractDefinition, TPath extends string> = ServerToClientOf<TContract, TPath>;
export type ClientEventName<TContract extends ContractDefinition, TPath extends string> = keyof ClientEvents<TContract, TPath> & string;
export type ServerEventName<TContract extends ContractDefinition, TPath extends string> = keyof ServerEvents<TContract, TPath> & string;
export type InterServerEventName<TContract extends ContractDefinition> = keyof ServerToServerOf<TContract> & string;

/** The event names a broadcast may carry without acknowledgements. */
export type EventWithoutAck<TEvents> = { [TName in keyof TEvents & string]: TEvents[TName] extends { readonly ack: unknown } ? never : TName }[keyof TEvents & string];

/** What a broadcast returns: for an ack-bearing event, a promise of every recipient's validated acknowledgement. */
export type BroadcastResult<TEvent extends EventDefinition> = TEvent extends { readonly ack: unknown } ? Promise<InferAckOutput<TEvent>[]> : void;

export type NamespacePath<TContract extends ContractDefinition> = InferNamespacePath<TContract>;

/** The definition of one event in a direction's event map. */
export type EventOf<TEvents, TName> = Extract<TEvents[TName & keyof TEvents], EventDefinition>;
