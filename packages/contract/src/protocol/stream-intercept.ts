import { ContractError } from "../contract-error.js";
import type { Carrier, IncomingCall, Outcome, StreamOpening } from "../interceptor.js";
import { readCarrier } from "./carrier.js";
import type { CompiledEvent } from "./catalog.js";
import { observeAll, runIncoming, runOutgoing, type StreamStep } from "./intercept.js";
import { type Interception, outgoingPacket } from "./intercepted.js";
import { fromWireError } from "./envelope.js";
import { handlerFailure, type Where } from "./outgoing-error.js";
import { payloadSize } from "./payload-size.js";
import { readOnly } from "./read-only.js";

/** Which end of a stream this side holds: one it requested, or one it answers. */
export type StreamRole = StreamOpening["role"];

/** What a connection's streams ask of its interceptors. */
export interface StreamHooks {
  /** Runs the outgoing interceptors on one checked item about to be sent; throws their refusal. */
  item(event: string, role: StreamRole, value: unknown): void;
  /** Whether `onError` was already told of this refusal of `item` (an interceptor's plain throw, as `HANDLER_ERROR`). */
  told(refusal: unknown): boolean;
  /**
   * A stream opened here: tells the `stream` interceptors, and returns what tells them it closed
   * (given how it ended: a response's end envelope, or what stopped it), and `settled` its outcome.
   * `carrier` is a request's own, for them to write, or what a response's header held, read here.
   */
  opened(
    event: string,
    role: StreamRole,
    carrier: unknown,
    settled?: (outcome: Outcome) => void,
  ): ((end?: unknown) => void) | undefined;
}

/**
 * The stream hooks of one connection. The interceptors are read at each call, so that one
 * registered later applies at once; a side with none pays one length check per item.
 */
export function streamHooks(
  interception: () => Interception | undefined,
  namespace: string,
  definitionOf: (event: string, role: StreamRole) => CompiledEvent | undefined,
  report: (error: ContractError) => void,
): StreamHooks {
  // runOutgoing tells onError of a plain throw itself; the stream it ends must not tell it again.
  const told = new WeakSet<object>();
  const tell = (error: ContractError): void => {
    told.add(error);
    report(error);
  };
  return {
    item(event, role, value) {
      const current = interception();
      if (current === undefined || current.set.outgoing.length === 0) return;
      const definition = definitionOf(event, role);
      if (definition === undefined) return;
      const packet = outgoingPacket(current, namespace, "item", definition, [value]);
      runOutgoing(current.set.outgoing, packet, tell)?.({ ok: true, value: undefined, duration: 0 });
    },
    told: (refusal) => typeof refusal === "object" && refusal !== null && told.has(refusal),
    opened(event, role, carrier, settled) {
      const current = interception();
      const closed =
        current === undefined || current.set.stream.length === 0
          ? undefined
          : runStream(
              current.set.stream,
              {
                side: current.side,
                namespace,
                pattern: current.pattern,
                event,
                role,
                socket: current.peer,
                carrier: role === "request" ? (carrier as Carrier) : readCarrier(carrier),
              },
              report,
            );
      if (settled === undefined) return closed;
      const start = performance.now();
      return (end) => {
        closed?.();
        settled(streamOutcome(end, performance.now() - start, { namespace, event }));
      };
    },
  };
}

/**
 * How a stream this side answered ended, as the incoming interceptors' `next()` resolves: its ack
 * (`undefined` without one), the error the requester got, `DISCONNECTED`; a cancel by the requester
 * is no failure of the handler, so it is ok with no value.
 */
function streamOutcome(end: unknown, duration: number, where: Where): Outcome {
  if (ContractError.is(end)) return { ok: false, error: end, duration };
  const envelope = end as { ok?: unknown; data?: unknown; error?: unknown } | undefined;
  if (envelope?.ok === false) {
    const error = fromWireError(envelope.error, where) ?? new ContractError("HANDLER_ERROR", where);
    return { ok: false, error, duration };
  }
  return { ok: true, value: envelope?.ok === true ? readOnly(envelope.data) : undefined, duration };
}

/**
 * Tells the `stream` interceptors that a stream opened; they observe only, so what one throws goes
 * to `report`. Returns what tells them it closed, timed from this call (`undefined` when none observes).
 */
export function runStream(
  steps: readonly StreamStep[],
  opening: StreamOpening,
  report: (error: ContractError) => void,
): (() => void) | undefined {
  const closed = observeAll(steps, opening, (cause) =>
    report(
      new ContractError("HANDLER_ERROR", {
        message: "A stream interceptor failed.",
        cause,
        namespace: opening.namespace,
        event: opening.event,
      }),
    ),
  );
  if (closed === undefined) return undefined;
  const start = performance.now();
  return () => closed({ duration: performance.now() - start });
}

/**
 * Runs the incoming interceptors on a stream request before its handler starts, as on any incoming
 * event (its arguments are the request's, without an upload): one may refuse it, and the stream
 * then ends with the refusal's code (`FORBIDDEN`, say) before any item. `next()` starts the
 * handler and resolves with the stream's outcome once it is over (its ack, or the error the
 * requester got), timed over the stream's life (items are observed apart). `carrier` is the
 * header's, from untrusted input.
 */
export function interceptOpen(
  interception: Interception,
  namespace: string,
  definition: CompiledEvent,
  args: unknown[],
  start: (settled: (outcome: Outcome) => void) => void,
  refuse: (wire: ContractError, local: ContractError) => void,
  report: (error: ContractError) => void,
  carrier: unknown,
): void {
  // A copy, which an upload's source appended to the handler's arguments later does not reach; read-only (see `readOnly`).
  const own = args.slice();
  const event = definition.name;
  const call = {
    side: interception.side,
    namespace,
    pattern: interception.pattern,
    socket: interception.peer,
    event,
    args: readOnly(own),
    hasAck: definition.ack !== undefined,
    carrier: readCarrier(carrier),
    size: () => payloadSize(own),
  } as IncomingCall;
  void runIncoming(interception.set.incoming, call, {
    handle: () => new Promise<Outcome>(start),
    refuse: (thrown) => {
      const { wire, local } = handlerFailure(thrown, definition, { namespace, event });
      refuse(wire, local);
      return { ok: false, error: wire, duration: 0 };
    },
    report,
  });
}
