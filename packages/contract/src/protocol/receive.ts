import { ContractError } from "../contract-error.js";
import { type CompiledEvent, type EventCatalog, parseArgs, parseValue } from "./catalog.js";
import type { Carrier } from "../interceptor.js";
import { type ContractErrorReport, errorEnvelope, okEnvelope, toReport } from "./envelope.js";
import type { Outcome } from "../interceptor.js";
import { type Interception, answerChecked, interceptIncoming, observeRefusal } from "./intercepted.js";
import { handlerFailure } from "./outgoing-error.js";
import { sendsParsedValue } from "./wire-form.js";

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
  /** Tells this side (its `onError`). Must not throw. */
  report(error: ContractError): void;
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
    if (definition === undefined)
      return refuse(receiver, callback, new ContractError("UNKNOWN_EVENT", whereOf(receiver, event)));
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
      return interceptIncoming(receiver, interception, definition, parsed.value, carrier, callback, (settled) =>
        run(receiver, definition, handlers, parsed.value, callback, settled),
      );
    }
    run(receiver, definition, handlers, parsed.value, callback, undefined);
  } catch (cause) {
    receiver.report(new ContractError("HANDLER_ERROR", { cause, namespace: receiver.namespace, event: String(event) }));
  }
}

/** Runs the handler(s) of one valid event and answers. */
export function run(
  receiver: Receiver,
  definition: CompiledEvent,
  handlers: Handlers,
  args: unknown[],
  callback: Callback | undefined,
  settled: Settled | undefined,
): void {
  if (definition.ack !== undefined)
    runWithAck(
      receiver,
      definition,
      typeof handlers === "function" ? handlers : handlers[0]!,
      args,
      callback!,
      settled,
    );
  else runWithoutAck(receiver, definition, handlers, args, callback, settled);
}

/** Where a refused event came from; built only on the way to a refusal, never per valid event. */
export function whereOf(receiver: Pick<Receiver, "namespace">, event: unknown): { namespace: string; event: string } {
  return {
    namespace: receiver.namespace,
    event: typeof event === "string" ? event.slice(0, MAX_EVENT_NAME) : String(event),
  };
}

/**
 * Answers through Socket.IO's ack callback. Encoding the answer can throw (a value nested deeper
 * than the encoder's stack); Socket.IO marks an ack as sent only once it was encoded, so the
 * sender then still gets `HANDLER_ERROR` instead of waiting for a timeout.
 */
export function reply(receiver: Receiver, callback: Callback, envelope: unknown, event: string): void {
  try {
    callback(envelope);
  } catch (cause) {
    const error = new ContractError("HANDLER_ERROR", { namespace: receiver.namespace, event });
    try {
      callback(errorEnvelope(error));
    } catch {
      // Even the error could not be sent: the connection is gone; onError still hears of it.
    }
    receiver.report(
      new ContractError("HANDLER_ERROR", {
        message: "The answer could not be encoded.",
        cause,
        namespace: receiver.namespace,
        event,
      }),
    );
  }
}

/**
 * Refuses one incoming event before any handler runs, as Socket.IO delivered it: through its ack
 * callback when it came with one, else with `contract:error` when `mayTellPeer()` (a flood is
 * told at most so often); `onError` hears of it either way.
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
  else receiver.report(error);
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
  receiver.report(error);
  const interception = receiver.interception;
  if (interception !== undefined && interception.set.refused.length > 0) observeRefusal(receiver, interception, error);
}

// The handlers below run once per valid event: a handler that returns at once costs no closure;
// closures are made only to wait for a promise.

function runWithAck(
  receiver: Receiver,
  definition: CompiledEvent,
  handler: Handler,
  args: unknown[],
  callback: Callback,
  settled: Settled | undefined,
): void {
  let result: unknown;
  try {
    result = invoke(receiver.running, handler, args);
  } catch (thrown) {
    return failWithAck(receiver, definition, callback, thrown, settled);
  }
  if (!isPromiseLike(result)) return answer(receiver, definition, callback, result, settled);
  result
    .then(
      (value) => answer(receiver, definition, callback, value, settled),
      (thrown: unknown) => failWithAck(receiver, definition, callback, thrown, settled),
    )
    .then(undefined, (cause: unknown) => lastResort(receiver, definition, cause));
}

/** Sends a handler's return value as the ack, checked against the contract first. */
function answer(
  receiver: Receiver,
  definition: CompiledEvent,
  callback: Callback,
  value: unknown,
  settled: Settled | undefined,
): void {
  const ack = definition.ack!;
  const checked = parseValue(ack, value, [], definition.maxDepth);
  if (checked.ok) {
    const sent = sendsParsedValue(ack) ? checked.value : value;
    const interception = receiver.interception;
    if (interception !== undefined && interception.set.outgoing.length > 0)
      return answerChecked(receiver, interception, definition, callback, sent, settled);
    reply(receiver, callback, okEnvelope(sent), definition.name);
    settled?.({ ok: true, value: sent, duration: 0 });
    return;
  }
  const error = new ContractError("INVALID_ACK", {
    issues: checked.issues,
    cause: checked.cause,
    namespace: receiver.namespace,
    event: definition.name,
  });
  const wire = new ContractError("INVALID_ACK", {
    issues: checked.issues,
    namespace: receiver.namespace,
    event: definition.name,
  });
  reply(receiver, callback, errorEnvelope(wire), definition.name);
  receiver.report(error);
  settled?.({ ok: false, error: wire, duration: 0 });
}

/** Answers with what a handler (or an interceptor) threw: a declared or built-in code as it is, anything else as `HANDLER_ERROR`. */
export function failWithAck(
  receiver: Receiver,
  definition: CompiledEvent,
  callback: Callback,
  thrown: unknown,
  settled: Settled | undefined,
): void {
  const { wire, local } = handlerFailure(thrown, definition, { namespace: receiver.namespace, event: definition.name });
  reply(receiver, callback, errorEnvelope(wire), definition.name);
  receiver.report(local);
  settled?.({ ok: false, error: wire, duration: 0 });
}

function runWithoutAck(
  receiver: Receiver,
  definition: CompiledEvent,
  handlers: Handlers,
  args: unknown[],
  callback: Callback | undefined,
  settled: Settled | undefined,
): void {
  let failed = false;
  let pending: PromiseLike<unknown>[] | undefined;
  const count = typeof handlers === "function" ? 1 : handlers.length;
  for (let i = 0; i < count; i++) {
    const handler = typeof handlers === "function" ? handlers : handlers[i]!;
    try {
      const result = invoke(receiver.running, handler, args);
      if (isPromiseLike(result)) (pending ??= []).push(result);
    } catch (thrown) {
      if (!failed) {
        failed = true;
        failWithoutAck(receiver, definition, callback, thrown, settled);
      }
    }
  }
  // An ack-less event sent with a callback (Socket.IO's `retries`, or a delivery confirmation) is
  // acknowledged once every handler is done, so a retrying sender stops retrying.
  if (pending === undefined) {
    if (!failed) succeedWithoutAck(receiver, definition, callback, settled);
    return;
  }
  Promise.all(pending)
    .then(
      () => {
        if (!failed) succeedWithoutAck(receiver, definition, callback, settled);
      },
      (thrown: unknown) => {
        if (!failed) {
          failed = true;
          failWithoutAck(receiver, definition, callback, thrown, settled);
        }
      },
    )
    .then(undefined, (cause: unknown) => lastResort(receiver, definition, cause));
}

function succeedWithoutAck(
  receiver: Receiver,
  definition: CompiledEvent,
  callback: Callback | undefined,
  settled: Settled | undefined,
): void {
  if (callback !== undefined) reply(receiver, callback, okEnvelope(undefined), definition.name);
  settled?.({ ok: true, value: undefined, duration: 0 });
}

/** Tells the sender of an ack-less event what a handler (or an interceptor) threw: through its callback if any, else `contract:error`. */
export function failWithoutAck(
  receiver: Receiver,
  definition: CompiledEvent,
  callback: Callback | undefined,
  thrown: unknown,
  settled: Settled | undefined,
): void {
  const { wire, local } = handlerFailure(thrown, definition, { namespace: receiver.namespace, event: definition.name });
  if (callback !== undefined) reply(receiver, callback, errorEnvelope(wire), definition.name);
  else receiver.sendReport(toReport(definition.name, wire));
  receiver.report(local);
  settled?.({ ok: false, error: wire, duration: 0 });
}

/** Runs one handler, counted where this side caps its running handlers. */
function invoke(running: RunningHandlers | undefined, handler: Handler, args: unknown[]): unknown {
  return running === undefined ? handler(...args) : running.run(handler, args);
}

/** Where a failure of the answering itself goes, so that no rejection is ever left unhandled. */
function lastResort(receiver: Receiver, definition: CompiledEvent, cause: unknown): void {
  try {
    receiver.report(
      new ContractError("HANDLER_ERROR", { cause, namespace: receiver.namespace, event: definition.name }),
    );
  } catch {
    // report() must not throw; if it does anyway, there is nobody left to tell.
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
