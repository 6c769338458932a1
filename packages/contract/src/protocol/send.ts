import { ContractError } from "../contract-error.js";
import { isBuiltInErrorCode } from "../error-codes.js";
import {
  type CompiledEvent,
  type EventCatalog,
  NO_PREFIX,
  type Parsed,
  parseArg,
  parseFast,
  parseValue,
  wrongArity,
} from "./catalog.js";
import { fromWireError } from "./envelope.js";
import { INVALID } from "./fast-path.js";
import type { Where } from "./outgoing-error.js";
import { sendsParsedValue } from "./wire-form.js";

export type AckResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: ContractError };

/**
 * Checks an outgoing event before anything is sent: the event must be in the contract and its
 * arguments must match. A refusal throws `INVALID_PAYLOAD` (or `UNKNOWN_EVENT`) at the call site.
 * On success `args` is rewritten in place to what goes on the wire: each argument's parsed value
 * where its schema has no transform, so undeclared keys never leave (see `sendsParsedValue`).
 */
export function checkOutgoing(
  catalog: EventCatalog,
  event: string,
  args: unknown[],
  namespace: string | undefined,
): CompiledEvent {
  const definition = emittable(catalog, event, namespace);
  const refused = checkArgs(definition, args, namespace);
  if (refused !== undefined) throw refused;
  return definition;
}

/** The definition of an event to `emit`: throws `UNKNOWN_EVENT` for one not in `catalog`, a `TypeError` for a stream event. */
export function emittable(catalog: EventCatalog, event: string, namespace: string | undefined): CompiledEvent {
  const definition = catalog.get(event);
  if (definition === undefined) {
    throw new ContractError("UNKNOWN_EVENT", {
      message: `"${event}" is not an event this side may send.`,
      event,
      namespace,
    });
  }
  if (definition.stream !== undefined)
    throw new TypeError(`[socket-contract] "${event}" streams: request it with stream(), not emit()`);
  return definition;
}

/**
 * The argument check of an outgoing event already looked up (stream events included): returns the
 * `INVALID_PAYLOAD` refusal, or rewrites `args` in place to what goes on the wire.
 */
export function checkArgs(
  definition: CompiledEvent,
  args: unknown[],
  namespace: string | undefined,
): ContractError | undefined {
  const expected = definition.args.length;
  if (args.length !== expected) return invalidPayload(definition, wrongArity(expected, args.length), namespace);
  // Each argument is parsed and, where its parsed value travels, replaced in place: no array per emit.
  // One whose value does not travel is only validated (Zod's assert-only validator builds nothing).
  const wire = (definition.wire ??= definition.args.map(sendsParsedValue));
  let index = 0;
  for (; index < expected; index++) {
    const travels = wire[index]!;
    const out = parseFast(
      definition.argsFast[index],
      args[index],
      definition.argsNest[index]!,
      definition.maxDepth,
      !travels,
    );
    if (out === INVALID) break;
    if (travels) args[index] = out;
  }
  if (index === expected) return undefined;
  let failed: Parsed<unknown> | undefined;
  for (let from = index; index < expected; index++) {
    const parsed = parseArg(definition, index, args[index], index === from);
    if (!parsed.ok)
      failed =
        failed === undefined || failed.ok
          ? parsed
          : { ok: false, issues: failed.issues.concat(parsed.issues), cause: failed.cause ?? parsed.cause };
    else if (wire[index]) args[index] = parsed.value;
  }
  return failed === undefined ? undefined : invalidPayload(definition, failed, namespace);
}

function invalidPayload(
  definition: CompiledEvent,
  failed: Parsed<unknown>,
  namespace: string | undefined,
): ContractError {
  return new ContractError("INVALID_PAYLOAD", {
    issues: failed.ok ? [] : failed.issues,
    cause: failed.ok ? undefined : failed.cause,
    event: definition.name,
    namespace,
  });
}

/**
 * Reads one acknowledgement envelope: `{ ok: true, data }` gives the data parsed by the event's ack
 * schema; `{ ok: false, error }` gives the error, a custom code's data parsed by its declared schema.
 */
export function readAck(definition: CompiledEvent, envelope: unknown, where: Where): AckResult {
  return readAckAt(definition, envelope, where.namespace, where.event);
}

const OK_WITHOUT_VALUE: AckResult = Object.freeze({ ok: true, value: undefined });

/**
 * `readAck` with the place given as its two parts, made into an object only on a failure: a valid
 * acknowledgement allocates nothing here but Zod's own result.
 */
function readAckAt(
  definition: CompiledEvent,
  envelope: unknown,
  namespace: string | undefined,
  event: string | undefined,
  fastTried = false,
): AckResult {
  if (typeof envelope !== "object" || envelope === null || typeof (envelope as { ok?: unknown }).ok !== "boolean") {
    return invalidAck({ namespace, event }, "The acknowledgement is not an envelope.");
  }
  const { ok, data, error } = envelope as { ok: boolean; data?: unknown; error?: unknown };
  if (!ok) return readFailure(definition, error, { namespace, event });
  if (definition.ack === undefined) return OK_WITHOUT_VALUE;
  // Where `ackValue` has run the compiled parser, Zod's ordinary parser alone finds the issues.
  const fast = definition.ackFast;
  const parsed = parseValue(
    fastTried && fast !== undefined ? fast.source : definition.ack,
    data,
    NO_PREFIX,
    definition.maxDepth,
    definition.ackNests,
    fastTried ? null : (fast ?? null),
  );
  return parsed.ok
    ? parsed
    : {
        ok: false,
        error: new ContractError("INVALID_ACK", { issues: parsed.issues, cause: parsed.cause, namespace, event }),
      };
}

/**
 * An `{ ok: false, error }` envelope, read as the sender's `handlerFailure` writes one: a built-in
 * code (`fromWireError` drops data beside it), or a code the event declares with its data parsed by
 * the declared schema. Any other code is `INVALID_ACK`, what arrived kept as its `cause`, so that
 * the error's code is always one that `isError` types.
 */
function readFailure(definition: CompiledEvent, error: unknown, where: Where): AckResult {
  const received = fromWireError(error, where);
  if (received === undefined) return invalidAck(where, "The acknowledgement carries a malformed error.");
  if (isBuiltInErrorCode(received.code)) return { ok: false, error: received };
  const schema = definition.errors?.get(received.code);
  if (schema === undefined) return invalidAck(where, "The acknowledgement carries an undeclared error code.", received);
  const parsed = parseValue(schema, received.data, NO_PREFIX, definition.maxDepth);
  if (!parsed.ok)
    return {
      ok: false,
      error: new ContractError("INVALID_ACK", {
        message: `The data of error ${received.code} does not match the contract.`,
        issues: parsed.issues,
        ...where,
      }),
    };
  return {
    ok: false,
    error: new ContractError(received.code, { message: received.message, data: parsed.value, ...where }),
  };
}

/**
 * The data of a valid `{ ok: true, data }` acknowledgement through the compiled parser alone, or
 * `INVALID` where `readAckAt` must decide (told `fastTried`): nothing allocated for a valid one.
 */
function ackValue(definition: CompiledEvent, envelope: unknown): unknown {
  if (typeof envelope !== "object" || envelope === null || (envelope as { ok?: unknown }).ok !== true) return INVALID;
  if (definition.ack === undefined) return undefined;
  const data = (envelope as { data?: unknown }).data;
  return parseFast(definition.ackFast, data, definition.ackNests, definition.maxDepth, false);
}

function invalidAck(where: Where, message: string, cause?: unknown): AckResult {
  return { ok: false, error: new ContractError("INVALID_ACK", { message, cause, ...where }) };
}

/**
 * What Socket.IO's own ack error means: a timeout, or (socket.io-client) a connection that closed
 * first. A `ContractError` in its place (a client's call failed before it left: a refused
 * connection, `DISCONNECTED`) keeps its code and data, located at the call.
 */
export function transportFailure(error: Error, where: Where): ContractError {
  if (ContractError.is(error))
    return new ContractError(error.code, {
      message: error.message,
      data: error.data,
      issues: error.issues,
      cause: error,
      ...where,
    });
  const code = /disconnect/i.test(error.message) ? "DISCONNECTED" : "TIMEOUT";
  return new ContractError(code, { cause: error, ...where });
}

/**
 * Sends one ack-bearing event through `send` and returns the promise of its validated
 * acknowledgement; every failure rejects with a `ContractError`.
 */
export function requestAck(
  definition: CompiledEvent,
  where: Where,
  send: (callback: (error: Error | null, envelope?: unknown) => void) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    send((error, envelope) => {
      if (error) return reject(transportFailure(error, where));
      const result = readAck(definition, envelope, where);
      if (result.ok) resolve(result.value);
      else reject(result.error);
    });
  });
}

const released = (): void => {};
let capturedResolve: (value: unknown) => void = released;
let capturedReject: (reason: unknown) => void = released;
/**
 * One executor for every acked emit: it hands its resolvers over rather than closing over a call.
 * The caller takes them and puts `released` back, so that no call's promise (nor the error it
 * settles with, whose stack holds the socket) outlives it here.
 */
function capture(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * Emits one ack-bearing event on `wire` within `timeout` and returns the promise of its validated
 * acknowledgement, as `requestAck` does. The one closure made per call is the ack callback
 * Socket.IO needs; the promise's executor is shared and the place of an error is made only for an
 * error. An emit that throws rejects the promise with what it threw.
 */
export function emitWithAck(
  definition: CompiledEvent,
  namespace: string,
  wire: { timeout(ms: number): { emit(event: string, ...args: any[]): unknown } },
  timeout: number,
  args: readonly unknown[],
): Promise<unknown> {
  const promise = new Promise<unknown>(capture);
  const resolve = capturedResolve;
  const reject = capturedReject;
  capturedResolve = capturedReject = released;
  try {
    wire.timeout(timeout).emit(definition.name, ...args, (error: Error | null, envelope?: unknown) => {
      if (error) return reject(transportFailure(error, { namespace, event: definition.name }));
      const value = ackValue(definition, envelope);
      if (value !== INVALID) return resolve(value);
      const result = readAckAt(definition, envelope, namespace, definition.name, true);
      if (result.ok) resolve(result.value);
      else reject(result.error);
    });
  } catch (thrown) {
    reject(thrown);
  }
  return promise;
}
