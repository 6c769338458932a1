import { BUILT_IN_ERROR_CODES } from "@socket-contract/contract";
import { COMPONENTS_PREFIX, type JsonSchema } from "./json-schema.js";
import type { WireEvent, WireValue } from "./wire-contract.js";

/** The names under `components.schemas` of what the wire protocol itself defines. */
export interface ProtocolNames {
  readonly issue: string;
  readonly builtInError: string;
  readonly report: string;
  readonly identity: string;
  readonly connectError: string;
}

/** Built-in codes that a refused connection carries; the rest answer events. */
const CONNECT_CODES = ["UNAUTHORIZED", "CONTRACT_MISMATCH"];

/**
 * The schemas of the protocol around the contract's own: an issue, a built-in error, the
 * `contract:error` report, the identity a client announces in the handshake and a refused
 * connection's `data`. Named to avoid the contract's own schema names.
 *
 * @example
 * const { names, schemas } = protocolSchemas((name) => !taken.has(name));
 */
export function protocolSchemas(isFree: (name: string) => boolean): {
  names: ProtocolNames;
  schemas: Record<string, JsonSchema>;
} {
  const pick = (wanted: string): string => {
    let name = wanted;
    for (let n = 2; !isFree(name); n++) name = `${wanted}${n}`;
    return name;
  };
  const names: ProtocolNames = {
    issue: pick("ContractIssue"),
    builtInError: pick("BuiltInError"),
    report: pick("ContractErrorReport"),
    identity: pick("ContractIdentity"),
    connectError: pick("ConnectError"),
  };
  const text = (description: string): JsonSchema => ({ type: "string", description });
  const schemas: Record<string, JsonSchema> = {
    [names.issue]: {
      type: "object",
      description:
        "One problem with a refused value: where (starting with the argument's index), which rule, and why. Never the value itself.",
      properties: {
        path: {
          type: "array",
          items: { type: ["string", "integer"] },
          description: 'Keys from the argument\'s index down to the refused value, such as [0, "room"].',
        },
        code: text("The rule that failed, such as too_small."),
        message: text("A message safe to show."),
      },
      required: ["path", "code", "message"],
    },
    [names.builtInError]: {
      type: "object",
      description:
        "An error every contract has, such as INVALID_PAYLOAD (the receiver refused the arguments), FORBIDDEN (an interceptor refused this connection the event) or HANDLER_ERROR (the handler failed).",
      properties: {
        code: { type: "string", enum: BUILT_IN_ERROR_CODES.filter((code) => !CONNECT_CODES.includes(code)) },
        message: text("A message safe to show; never internal text."),
        issues: { type: "array", items: { $ref: COMPONENTS_PREFIX + names.issue } },
      },
      required: ["code", "message"],
    },
    [names.report]: {
      type: "object",
      description:
        "Sent as the event contract:error when an event without acknowledgement was refused, so its sender learns of it. A custom code declared by the event adds its data as `data`.",
      properties: {
        event: text("The refused event."),
        code: { type: "string", description: "A built-in code, or a custom code the event declares." },
        message: text("A message safe to show."),
        issues: { type: "array", items: { $ref: COMPONENTS_PREFIX + names.issue } },
      },
      required: ["event", "code", "message"],
    },
    [names.identity]: {
      type: "object",
      description:
        'Which contract a client was built from, sent under the key "~contract" of the handshake auth. The server compares name and fingerprint with its own and applies its version policy; the key is removed before auth is checked.',
      properties: {
        name: text("The contract's name."),
        version: text("The contract's version."),
        fingerprint: text("A hash of the contract's wire shape."),
      },
      required: ["name", "version", "fingerprint"],
    },
    [names.connectError]: {
      type: "object",
      description: "The data of Socket.IO's connect_error when the server refuses a connection.",
      properties: {
        code: {
          type: "string",
          description:
            "UNAUTHORIZED (auth or a middleware refused), CONTRACT_MISMATCH (another contract version), or a code a middleware chose.",
        },
        message: text("A message safe to show."),
        data: {
          description: "For CONTRACT_MISMATCH: the client's identity (absent if it sent none) and the server's.",
          type: "object",
          properties: {
            client: { $ref: COMPONENTS_PREFIX + names.identity },
            server: { $ref: COMPONENTS_PREFIX + names.identity },
          },
        },
      },
      required: ["code", "message"],
    },
  };
  return { names, schemas };
}

/**
 * What an ack-bearing event's answer looks like on the wire: one envelope, `{ ok: true, data }`
 * or `{ ok: false, error }`, the error one of the event's custom codes with its data or a
 * built-in one.
 *
 * @example
 * ackEnvelope(event, names).oneOf.length; // 2
 */
export function ackEnvelope(event: WireEvent, names: ProtocolNames): JsonSchema & { oneOf: JsonSchema[] } {
  const ack = event.ack as WireValue;
  const errors: JsonSchema[] = event.errors.map(({ code, data }) => ({
    type: "object",
    title: code,
    properties: { code: { type: "string", const: code }, message: { type: "string" }, data },
    required: ["code", "message", "data"],
  }));
  errors.push({ $ref: COMPONENTS_PREFIX + names.builtInError });
  return {
    oneOf: [
      {
        type: "object",
        title: "Acknowledged",
        properties: { ok: { type: "boolean", const: true }, data: ack.schema },
        required: ack.optional ? ["ok"] : ["ok", "data"],
      },
      {
        type: "object",
        title: "Failed",
        properties: {
          ok: { type: "boolean", const: false },
          error: errors.length === 1 ? errors[0] : { oneOf: errors },
        },
        required: ["ok", "error"],
      },
    ],
  };
}

/**
 * The payload of an event's message: its single argument, or the array of its arguments when it
 * has none or several. Arity is strict, and an omitted optional argument travels as `null`.
 *
 * @example
 * argumentsPayload(typingEvent); // { type: "array", items: [{ type: "string" }, { type: "boolean" }], ... }
 */
export function argumentsPayload(event: WireEvent): JsonSchema {
  const wire = event.args.map((arg) => (arg.optional ? { anyOf: [arg.schema, { type: "null" }] } : arg.schema));
  if (wire.length === 1) return wire[0]!;
  if (wire.length === 0) return { type: "array", maxItems: 0, description: "No arguments." };
  return {
    type: "array",
    items: wire,
    minItems: wire.length,
    maxItems: wire.length,
    additionalItems: false,
    description: `The ${wire.length} arguments, in order.`,
  };
}
