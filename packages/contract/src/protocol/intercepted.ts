import { ContractError } from "../contract-error.js";
import type { Carrier, IncomingCall, Outcome, OutgoingPacket, Side } from "../interceptor.js";
import type { CompiledEvent } from "./catalog.js";
import type { Connection } from "./connection.js";
import { emptyCarrier, takeCarrier, wireCarrier } from "./carrier.js";
import { errorEnvelope, okEnvelope } from "./envelope.js";
import { type InterceptorSet, runIncoming, runOutgoing, runRefused } from "./intercept.js";
import type { InterceptionSupport } from "./interception-support.js";
import { handlerFailure } from "./outgoing-error.js";
import { payloadSize } from "./payload-size.js";
import { readOnly } from "./read-only.js";
import { failWithAck, failWithoutAck, reply } from "./answer.js";
import type { Receiver, Settled } from "./receive.js";
import { interceptOpen, streamHooks } from "./stream-intercept.js";

type Callback = (envelope: unknown) => void;

/**
 * What interceptors need of one connection: its side's interceptors (read at each event, so that
 * one registered later applies at once), which side it is, and the bound socket or client they are
 * handed as `socket`.
 */
export interface Interception {
  readonly set: InterceptorSet;
  readonly side: Side;
  readonly peer: unknown;
  /** A dynamic namespace's key, handed to interceptors beside the concrete path. */
  readonly pattern?: string | undefined;
}

const now = (): number => performance.now();

/**
 * Runs the incoming interceptors around one valid event, then `handle` (its handlers and answer).
 * A refusal is answered exactly as a handler's throw would be; the chain never rejects.
 */
export function interceptIncoming(
  receiver: Receiver,
  interception: Interception,
  definition: CompiledEvent,
  args: unknown[],
  carrier: Readonly<Carrier> | undefined,
  callback: Callback | undefined,
  handle: (settled: Settled) => void,
): void {
  // Interceptors get a read-only view (see `readOnly`); the handler gets the arguments themselves.
  const call = {
    side: interception.side,
    namespace: receiver.namespace,
    pattern: interception.pattern,
    socket: interception.peer,
    event: definition.name,
    args: readOnly(args),
    hasAck: definition.ack !== undefined,
    carrier: carrier ?? emptyCarrier(),
    size: () => payloadSize(args),
  } as IncomingCall;
  void runIncoming(interception.set.incoming, call, {
    handle: () => {
      const start = now();
      return new Promise<Outcome>((resolve) => handle((outcome) => resolve(timed(outcome, now() - start))));
    },
    refuse: (thrown) => {
      let outcome: Outcome | undefined;
      const settled: Settled = (refused) => {
        outcome = refused;
      };
      if (definition.ack !== undefined) failWithAck(receiver, definition, callback!, thrown, settled);
      else failWithoutAck(receiver, definition, callback, thrown, settled);
      return outcome!;
    },
    report: (error) => receiver.report(error),
  });
}

/**
 * Sends a checked acknowledgement through the outgoing interceptors: a refusal answers the sender
 * with the refusal's code (a declared or built-in one, else `HANDLER_ERROR`) instead of the value.
 */
export function answerChecked(
  receiver: Receiver,
  interception: Interception,
  definition: CompiledEvent,
  callback: Callback,
  value: unknown,
  settled: Settled | undefined,
): void {
  const packet = outgoingPacket(interception, receiver.namespace, "ack", definition, [value]);
  let reported = false;
  const report = (error: ContractError): void => {
    reported = true;
    receiver.report(error);
  };
  let observe: ((outcome: Outcome) => void) | undefined;
  try {
    observe = runOutgoing(interception.set.outgoing, packet, report);
  } catch (refusal) {
    const { wire, local } = handlerFailure(refusal, definition, {
      namespace: receiver.namespace,
      event: definition.name,
    });
    reply(receiver, callback, errorEnvelope(wire), definition.name);
    if (!reported) receiver.report(local);
    settled?.({ ok: false, error: wire, duration: 0 });
    return;
  }
  reply(receiver, callback, okEnvelope(value), definition.name);
  observe?.({ ok: true, value: readOnly(value), duration: 0 });
  // The incoming interceptors' `next()` hands its outcome over as a view of its own (see `timed`).
  settled?.({ ok: true, value, duration: 0 });
}

/**
 * The packet outgoing interceptors see: an `emit` or `broadcast` with its checked arguments, or an
 * `ack` or stream `item` with its checked value (`values[0]`), each as a read-only view (see `readOnly`).
 */
export function outgoingPacket(
  interception: Pick<Interception, "side" | "peer" | "pattern">,
  namespace: string,
  kind: OutgoingPacket["kind"],
  definition: CompiledEvent,
  values: readonly unknown[],
): OutgoingPacket & { carrier: Carrier } {
  // Built as two fixed literals (no spread, no copy for a single value): this runs per packet.
  const { side, peer: socket, pattern } = interception;
  const event = definition.name;
  if (kind === "ack" || kind === "item") {
    const value = values[0];
    return {
      side,
      namespace,
      pattern,
      socket,
      event,
      carrier: {} as Carrier,
      kind,
      value: readOnly(value),
      hasAck: kind === "ack",
      size: () => payloadSize([value]),
    } as OutgoingPacket & { carrier: Carrier };
  }
  const args = readOnly(values);
  return {
    side,
    namespace,
    pattern,
    socket,
    event,
    carrier: {} as Carrier,
    kind,
    args,
    hasAck: definition.ack !== undefined,
    size: () => payloadSize(values),
  } as OutgoingPacket & { carrier: Carrier };
}

/** An outcome with its duration, its value (an ack) as a read-only view (see `readOnly`). */
function timed(outcome: Outcome, duration: number): Outcome {
  return outcome.ok ? { ok: true, value: readOnly(outcome.value), duration } : { ...outcome, duration };
}

/**
 * Tells `observe` how an outgoing packet ended: at once for one without ack, when its
 * acknowledgement settles (or fails) for one with.
 */
export function observeSent<T>(
  observe: ((outcome: Outcome) => void) | undefined,
  sent: Promise<T> | undefined,
): Promise<T> | undefined {
  if (observe === undefined) return sent;
  if (sent === undefined) {
    observe({ ok: true, value: undefined, duration: 0 });
    return sent;
  }
  const start = now();
  sent.then(
    (value) => observe({ ok: true, value: readOnly(value), duration: now() - start }),
    (error: unknown) =>
      observe({
        ok: false,
        error: ContractError.is(error) ? error : new ContractError("HANDLER_ERROR", { cause: error }),
        duration: now() - start,
      }),
  );
  return sent;
}

/**
 * Sends one checked event of `connection` through the outgoing interceptors (see `Connection.emit`):
 * a refusal is refused as a bad payload would be; a client whose interceptors propagate appends the
 * carrier they wrote, in its wire form (see `wireCarrier`).
 */
export function emitIntercepted(
  connection: Connection,
  definition: CompiledEvent,
  args: unknown[],
  timeout: number,
): Promise<unknown> | undefined {
  const interception = connection.interception!;
  const packet = outgoingPacket(interception, connection.namespace, "emit", definition, args);
  let observe: ReturnType<typeof runOutgoing>;
  try {
    observe = runOutgoing(interception.set.outgoing, packet, (error) => connection.report(error));
  } catch (refusal) {
    return connection.refuseOutgoing(definition, refusal as ContractError);
  }
  const sent =
    interception.side === "client" && interception.set.propagates
      ? [...args, wireCarrier(packet.carrier satisfies Carrier)]
      : args;
  if (definition.ack !== undefined) return observeSent(observe, connection.request(definition, sent, timeout));
  connection.send(definition.name, sent, timeout);
  return observeSent(observe, undefined);
}

/** Tells the `refused` observers of an event refused before the interceptors. */
export function observeRefusal(receiver: Receiver, interception: Interception, error: ContractError): void {
  const refusal = {
    side: interception.side,
    namespace: receiver.namespace,
    pattern: interception.pattern,
    event: error.event ?? "",
    socket: interception.peer,
    error,
  };
  runRefused(interception.set.refused, refusal, (failure) => receiver.report(failure));
}

/** The paths a set installs for the connections that hold it (see `InterceptionSupport`). */
export const INTERCEPTION_PATHS: InterceptionSupport = {
  incoming: interceptIncoming,
  answer: answerChecked,
  refusal: observeRefusal,
  emit: emitIntercepted,
  streamHooks,
  open: interceptOpen,
  takeCarrier,
};
