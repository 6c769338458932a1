/** Error codes every contract has; custom codes come from an event's `errors`. */
export const BUILT_IN_ERROR_CODES = [
  "INVALID_PAYLOAD",
  "INVALID_ACK",
  "UNKNOWN_EVENT",
  "MISSING_ACK",
  "HANDLER_ERROR",
  "TIMEOUT",
  "DISCONNECTED",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "CONTRACT_MISMATCH",
] as const;

export type BuiltInErrorCode = (typeof BUILT_IN_ERROR_CODES)[number];

/**
 * Whether `code` is one of the codes every contract has: one with a default message, so that a
 * page reads the codes from the messages it needs anyway and carries no second list of them.
 */
export function isBuiltInErrorCode(code: string): code is BuiltInErrorCode {
  return Object.hasOwn(DEFAULT_MESSAGES, code);
}

/** The message a built-in error carries when none is given; none of them says anything about the input. */
export const DEFAULT_MESSAGES: Readonly<Record<BuiltInErrorCode, string>> = {
  INVALID_PAYLOAD: "The event's arguments do not match the contract.",
  INVALID_ACK: "The acknowledgement does not match the contract.",
  UNKNOWN_EVENT: "The event is not part of the contract.",
  MISSING_ACK: "The event expects an acknowledgement callback.",
  HANDLER_ERROR: "The handler failed.",
  TIMEOUT: "No acknowledgement arrived in time.",
  DISCONNECTED: "The connection closed before the acknowledgement arrived.",
  UNAUTHORIZED: "The connection was refused.",
  FORBIDDEN: "This connection may not send this event.",
  RATE_LIMITED: "Too many events from this connection; slow down.",
  CONTRACT_MISMATCH: "The client was built for another version of the contract.",
};

/** UPPER_SNAKE, as custom error codes must be. */
export const ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
