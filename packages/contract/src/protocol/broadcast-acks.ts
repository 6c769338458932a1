import { ContractError } from "../contract-error.js";
import type { CompiledEvent } from "./catalog.js";
import { errorEnvelope } from "./envelope.js";
import type { Where } from "./outgoing-error.js";
import { readAck } from "./send.js";

/**
 * The answer a server gives on behalf of a recipient that disconnected while an acknowledgement
 * was still owed (see `answerOwedAcks`). It travels like any client's answer, so a recipient on
 * another node of a cluster is counted the same way as a local one.
 */
export const DISCONNECTED_ANSWER = errorEnvelope(new ContractError("DISCONNECTED"));

type Ack = (...args: unknown[]) => void;

/**
 * Answers every acknowledgement a disconnected Socket.IO socket still owes with `DISCONNECTED`.
 * Socket.IO's server never calls them: a broadcast with acks would otherwise wait for its timeout
 * for a recipient that is gone. `acks` is the socket's map of pending acks (broadcast acks
 * included: Socket.IO's adapter puts one entry there per recipient), still whole at "disconnect".
 */
export function answerOwedAcks(acks: Map<number, Ack> | undefined): void {
  if (acks === undefined || acks.size === 0) return;
  const owed = [...acks.values()];
  acks.clear();
  for (const ack of owed) ack(DISCONNECTED_ANSWER);
}

/**
 * Reads the answers to a broadcast with acks: every answer valid and in time gives the array of
 * values; otherwise a `ContractError` whose `data` holds the valid answers that did arrive:
 * `TIMEOUT` when some recipient neither answered nor disconnected in time, else `INVALID_ACK`
 * when an answer was refused or invalid, else `DISCONNECTED` when recipients disconnected before
 * answering (counted as soon as their connection closed, not at the timeout).
 */
export function readAcks(
  definition: CompiledEvent,
  error: Error | null,
  envelopes: readonly unknown[],
  where: Where,
): { ok: true; value: unknown[] } | { ok: false; error: ContractError<string, unknown[]> } {
  const values: unknown[] = [];
  let firstFailure: ContractError | undefined;
  let disconnected = 0;
  for (const envelope of envelopes) {
    const result = readAck(definition, envelope, where);
    if (result.ok) values.push(result.value);
    else if (result.error.code === "DISCONNECTED") disconnected++;
    else firstFailure ??= result.error;
  }
  const gone = disconnected === 0 ? "" : ` Disconnected before answering: ${disconnected}.`;
  if (error) {
    return {
      ok: false,
      error: new ContractError("TIMEOUT", {
        message: `${values.length} of the expected acknowledgements arrived in time.${gone}`,
        data: values,
        cause: error,
        ...where,
      }),
    };
  }
  if (firstFailure !== undefined) {
    const refused = envelopes.length - values.length - disconnected;
    const message = `${refused} of ${envelopes.length} acknowledgements were refused (first: ${firstFailure.code}).${gone}`;
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
  if (disconnected > 0) {
    return {
      ok: false,
      error: new ContractError("DISCONNECTED", {
        message: `${disconnected} of ${envelopes.length} recipients disconnected before answering.`,
        data: values,
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
