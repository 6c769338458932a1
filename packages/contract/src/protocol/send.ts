import { ContractError } from "../contract-error.js";
import { isBuiltInErrorCode } from "../error-codes.js";
import { type CompiledEvent, type EventCatalog, parseArgs, parseValue } from "./catalog.js";
import { fromWireError } from "./envelope.js";
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
  const parsed = parseArgs(definition, args);
  if (!parsed.ok)
    return new ContractError("INVALID_PAYLOAD", {
      issues: parsed.issues,
      cause: parsed.cause,
      event: definition.name,
      namespace,
    });
  for (let index = 0; index < args.length; index++) {
    if (sendsParsedValue(definition.args[index]!)) args[index] = parsed.value[index];
  }
  return undefined;
}

/**
 * Reads one acknowledgement envelope: `{ ok: true, data }` gives the data parsed by the event's ack
 * schema; `{ ok: false, error }` gives the error, a custom code's data parsed by its declared schema.
 */
export function readAck(definition: CompiledEvent, envelope: unknown, where: Where): AckResult {
  if (typeof envelope !== "object" || envelope === null || typeof (envelope as { ok?: unknown }).ok !== "boolean") {
    return invalidAck(where, "The acknowledgement is not an envelope.");
  }
  const { ok, data, error } = envelope as { ok: boolean; data?: unknown; error?: unknown };
  if (!ok) {
    const received = fromWireError(error, where);
    if (received === undefined) return invalidAck(where, "The acknowledgement carries a malformed error.");
    const schema = isBuiltInErrorCode(received.code) ? undefined : definition.errors?.get(received.code);
    if (schema === undefined) return { ok: false, error: received };
    const parsed = parseValue(schema, received.data, [], definition.maxDepth);
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
  if (definition.ack === undefined) return { ok: true, value: undefined };
  const parsed = parseValue(definition.ack, data, [], definition.maxDepth);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : { ok: false, error: new ContractError("INVALID_ACK", { issues: parsed.issues, cause: parsed.cause, ...where }) };
}

function invalidAck(where: Where, message: string): AckResult {
  return { ok: false, error: new ContractError("INVALID_ACK", { message, ...where }) };
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

/**
 * Reads the answers to a broadcast with acks: every answer valid and in time gives the array of
 * values; otherwise a `ContractError` (`TIMEOUT`, else `INVALID_ACK`) whose `data` holds the valid
 * answers that did arrive.
 */
export function readAcks(
  definition: CompiledEvent,
  error: Error | null,
  envelopes: readonly unknown[],
  where: Where,
): { ok: true; value: unknown[] } | { ok: false; error: ContractError<string, unknown[]> } {
  const values: unknown[] = [];
  let firstFailure: ContractError | undefined;
  for (const envelope of envelopes) {
    const result = readAck(definition, envelope, where);
    if (result.ok) values.push(result.value);
    else firstFailure ??= result.error;
  }
  if (error) {
    return {
      ok: false,
      error: new ContractError("TIMEOUT", {
        message: `${values.length} of the expected acknowledgements arrived in time.`,
        data: values,
        cause: error,
        ...where,
      }),
    };
  }
  if (firstFailure !== undefined) {
    const message = `${envelopes.length - values.length} of ${envelopes.length} acknowledgements were refused (first: ${firstFailure.code}).`;
    return {
      ok: false,
      error: new ContractError("INVALID_ACK", {
        message,
        data: values,
        issues: firstFailure.issues,
        cause: firstFailure,
        ...where,
      }),
    };
  }
  return { ok: true, value: values };
}

/** `readAcks` as a promise around a broadcast sent through `send`. */
export function requestAcks(
  definition: CompiledEvent,
  where: Where,
  send: (callback: (error: Error | null, envelopes: unknown[]) => void) => void,
): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    send((error, envelopes) => {
      const result = readAcks(definition, error, envelopes ?? [], where);
      if (result.ok) resolve(result.value);
      else reject(result.error);
    });
  });
}
