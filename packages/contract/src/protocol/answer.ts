import { ContractError } from "../contract-error.js";
import { type CompiledEvent, NO_PREFIX, parseFast, parseValue } from "./catalog.js";
import { errorEnvelope, okEnvelope, toReport } from "./envelope.js";
import { INVALID } from "./fast-path.js";
import { interception as paths } from "./interception-support.js";
import { handlerFailure } from "./outgoing-error.js";
import type { Handler, Handlers, Receiver, RunningHandlers, Settled } from "./receive.js";
import { isPromiseLike } from "./listener.js";
import { sendsParsedValue } from "./wire-form.js";

// The receiving side's second half: running the handlers of a valid event and answering its sender.

type Callback = (envelope: unknown) => void;

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
  const travels = (definition.ackWire ??= sendsParsedValue(ack));
  // The compiled parser alone (the validator where the value goes as given); Zod for the issues.
  const out = parseFast(definition.ackFast, value, definition.ackNests, definition.maxDepth, !travels);
  if (out !== INVALID) return answerValid(receiver, definition, callback, travels ? out : value, settled);
  const source = definition.ackFast?.source ?? ack;
  const checked = parseValue(source, value, NO_PREFIX, definition.maxDepth, definition.ackNests, null);
  if (checked.ok) return answerValid(receiver, definition, callback, travels ? checked.value : value, settled);
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

/** Sends an ack already checked: `sent` is what goes on the wire. */
function answerValid(
  receiver: Receiver,
  definition: CompiledEvent,
  callback: Callback,
  sent: unknown,
  settled: Settled | undefined,
): void {
  const interception = receiver.interception;
  if (interception !== undefined && interception.set.outgoing.length > 0)
    return paths().answer(receiver, interception, definition, callback, sent, settled);
  reply(receiver, callback, okEnvelope(sent), definition.name);
  settled?.({ ok: true, value: sent, duration: 0 });
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
