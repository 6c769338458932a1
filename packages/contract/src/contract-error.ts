import { DEFAULT_MESSAGES, isBuiltInErrorCode } from "./error-codes.js";

/** One problem found in a value: where (starting with the argument's index), which rule, and why. Never the value itself. */
export interface ContractIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

export interface ContractErrorOptions<TData = unknown> {
  message?: string;
  data?: TData;
  issues?: readonly ContractIssue[];
  cause?: unknown;
  event?: string;
  namespace?: string;
}

/**
 * The one error type of socket-contract, on both sides of the wire: a code (built-in or one of the
 * contract's custom codes), a message safe to show, the issues of a refused value, and the custom
 * code's typed `data`. Throw it from a handler to answer with that code.
 *
 * @example
 * socket.on("message:send", ({ room }) => {
 *   if (isFull(room)) throw new ContractError("ROOM_FULL", { data: { capacity: 50 } });
 * });
 */
export class ContractError<TCode extends string = string, TData = unknown> extends Error {
  override readonly name = "ContractError";
  readonly code: TCode;
  readonly data: TData;
  readonly issues: readonly ContractIssue[] | undefined;
  readonly event: string | undefined;
  readonly namespace: string | undefined;

  constructor(code: TCode, options: ContractErrorOptions<TData> = {}) {
    const message = options.message ?? (isBuiltInErrorCode(code) ? DEFAULT_MESSAGES[code] : code);
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.data = options.data as TData;
    this.issues = options.issues;
    this.event = options.event;
    this.namespace = options.namespace;
  }

  /**
   * Whether `value` is a `ContractError`, checked by shape so that errors from another copy of the
   * package are recognised too; give `code` to narrow to one code.
   *
   * @example
   * if (ContractError.is(error, "TIMEOUT")) retry();
   */
  static is<TCode extends string = string>(value: unknown, code?: TCode): value is ContractError<TCode> {
    return (
      value instanceof Error &&
      value.name === "ContractError" &&
      typeof (value as { code?: unknown }).code === "string" &&
      (code === undefined || (value as unknown as { code: string }).code === code)
    );
  }
}
