import { ContractError } from "../contract-error.js";
import type { Carrier, Outcome } from "../interceptor.js";
import { reply, run } from "./answer.js";
import { type CompiledEvent, type EventCatalog, parseArgs } from "./catalog.js";
import { type ContractErrorReport, errorEnvelope, toReport } from "./envelope.js";
import type { Interception } from "./intercepted.js";
import { interception as paths } from "./interception-support.js";

export type Handler = (...args: any[]) => unknown;
type Callback = (envelope: unknown) => void;
/** Told how a handler's run ended (the answer the sender got), where interceptors observe it; `duration` is filled by the caller. */
export type Settled = (outcome: Outcome) => void;

/**
 * The handlers of one event: a lone handler as itself (the common case, and the only one for an
 * ack-bearing event), several as an array in registration order. No array is kept per event and
 * connection for the lone one.
 */
export type Handlers = Handler | readonly Handler[];

/** Counts the handlers still running: one runs through `run`, and counts until it returned, threw, or its promise settled. */
export interface RunningHandlers {
  /** Runs `handler`, counted as running until it returns, throws, or its promise settles; returns what it returned. */
  run(handler: Handler, args: unknown[]): unknown;
}

/** What one side needs to receive events: what it accepts, who handles them, and where errors go. */
export interface Receiver {
  readonly namespace: string;
  /** The handlers registered for an event: the one, or several in registration order. */
  handlersOf(definition: CompiledEvent): Handlers | undefined;
  /** Sends `contract:error` back to whoever sent the refused event. */
  sendReport(report: ContractErrorReport): void;
  /**
   * Tells this side (its `onError`). Must not throw. `repeated`: a refusal the peer was already told
   * of (see `toldUnknown`); `onError` handlers still hear it, the side's default (a client's console
   * warning) does not.
   */
  report(error: ContractError, repeated?: boolean): void;
  /**
   * Whether the peer was already told, on this connection, that `event` is unknown; if not, it is
   * now recorded as told. Without it, the peer is told of every unknown event.
   */
  toldUnknown?(event: string): boolean;
  /** Where this side caps its running handlers, told of each one; nothing is kept per handler. */
  readonly running?: RunningHandlers | undefined;
  /** The interceptors of this side, when it has any (see `Interception`). */
  readonly interception?: Interception | undefined;
}

const MAX_EVENT_NAME = 200;

/**
 * Receives one event as Socket.IO delivered it (the ack callback, if any, last): checks it against
 * the contract, runs its handlers with the parsed arguments, and answers every failure with a typed
 * error, through the callback when there is one and as `contract:error` otherwise. Never throws and
 * never leaves a promise rejection unhandled.
 */
export function receive(receiver: Receiver, events: EventCatalog, event: string, rawArgs: readonly unknown[]): void {
  receiveEvent(receiver, event, typeof event === "string" ? events.get(event) : undefined, rawArgs);
}

/** `receive` for an event its caller already looked up in its catalog (one lookup per event). */
export function receiveEvent(
  receiver: Receiver,
  event: string,
  definition: CompiledEvent | undefined,
  rawArgs: readonly unknown[],
  carrier?: Readonly<Carrier>,
): void {
  const last = rawArgs.length > 0 ? rawArgs[rawArgs.length - 1] : undefined;
  const callback = typeof last === "function" ? (last as Callback) : undefined;
  try {
    const args = callback === undefined ? rawArgs : rawArgs.slice(0, -1);
    if (definition === undefined) {
      const error = new ContractError("UNKNOWN_EVENT", whereOf(receiver, event));
      // A peer on another release may send a new event many times a second: without a callback
      // waiting, it is told once per event name and connection, and this side's default warns once.
      if (callback === undefined && receiver.toldUnknown?.(error.event!) === true)
        return refused(receiver, error, true);
      return refuse(receiver, callback, error);
    }
    if (definition.stream !== undefined) {
      return refuse(
        receiver,
        callback,
        new ContractError("INVALID_PAYLOAD", {
          message: "This event streams: request it with contract:open.",
          ...whereOf(receiver, event),
        }),
      );
    }
    if (definition.ack !== undefined && callback === undefined)
      return refuse(receiver, undefined, new ContractError("MISSING_ACK", whereOf(receiver, event)));
    const parsed = parseArgs(definition, args);
    if (!parsed.ok)
      return refuse(
        receiver,
        callback,
        new ContractError("INVALID_PAYLOAD", {
          issues: parsed.issues,
          cause: parsed.cause,
          ...whereOf(receiver, event),
        }),
      );
    const handlers = receiver.handlersOf(definition);
    if (handlers === undefined) {
      // Nobody listens: fine for an event without ack (a client may ignore a broadcast), but an
      // ack-bearing sender would wait for a timeout, so it is told at once.
      if (callback !== undefined)
        refuse(
          receiver,
          callback,
          new ContractError("HANDLER_ERROR", {
            message: "No handler is registered for this event.",
            ...whereOf(receiver, event),
          }),
        );
      return;
    }
    const interception = receiver.interception;
    if (interception !== undefined && interception.set.incoming.length > 0) {
      return paths().incoming(receiver, interception, definition, parsed.value, carrier, callback, (settled) =>
        run(receiver, definition, handlers, parsed.value, callback, settled),
      );
    }
    run(receiver, definition, handlers, parsed.value, callback, undefined);
  } catch (cause) {
    receiver.report(new ContractError("HANDLER_ERROR", { cause, namespace: receiver.namespace, event: String(event) }));
  }
}

/** Where a refused event came from; built only on the way to a refusal, never per valid event. */
export function whereOf(receiver: Pick<Receiver, "namespace">, event: unknown): { namespace: string; event: string } {
  return {
    namespace: receiver.namespace,
    event: typeof event === "string" ? event.slice(0, MAX_EVENT_NAME) : String(event),
  };
}

/**
 * Refuses one incoming event before any handler runs, as Socket.IO delivered it: through its ack
 * callback when it came with one, else with `contract:error` when `mayTellPeer()` (a flood is
 * told at most so often); `onError` and the `refused` interceptors hear of it either way.
 */
export function refuseIncoming(
  receiver: Receiver,
  rawArgs: readonly unknown[],
  error: ContractError,
  mayTellPeer: () => boolean,
): void {
  const last = rawArgs.length > 0 ? rawArgs[rawArgs.length - 1] : undefined;
  if (typeof last === "function") refuse(receiver, last as Callback, error);
  else if (mayTellPeer()) refuse(receiver, undefined, error);
  // Only the peer's report is throttled: onError and metrics() (through `refused`) hear of each.
  else refused(receiver, error, false);
}

function refuse(receiver: Receiver, callback: Callback | undefined, error: ContractError): void {
  const wire =
    error.cause === undefined
      ? error
      : new ContractError(error.code, {
          message: error.message,
          issues: error.issues,
          event: error.event,
          namespace: error.namespace,
        });
  if (callback !== undefined) reply(receiver, callback, errorEnvelope(wire), error.event ?? "");
  else receiver.sendReport(toReport(error.event ?? "", wire));
  refused(receiver, error, false);
}

/** Tells this side of a refused incoming event: its `onError`, and the interceptors' `refused`. */
function refused(receiver: Receiver, error: ContractError, repeated: boolean): void {
  receiver.report(error, repeated);
  const interception = receiver.interception;
  if (interception !== undefined && interception.set.refused.length > 0) paths().refusal(receiver, interception, error);
}
