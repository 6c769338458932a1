/**
 * Why the generator stopped. Every code is a mistake a user can fix; the CLI prints the message
 * on one line and exits with code 2.
 */
export type CodegenErrorCode =
  | "MISSING_FILE"
  | "NO_SUCH_EXPORT"
  | "NOT_A_CONTRACT"
  | "CONTRACT_SYNTAX"
  | "CONTRACT_LOAD"
  | "UNRENDERABLE"
  | "UNWRITABLE_OUT"
  | "GIT_REVISION";

/**
 * A user-facing failure of the generator, with a message that names the place.
 *
 * @example
 * throw new CodegenError("NO_SUCH_EXPORT", 'contract.ts has no export "api"');
 */
export class CodegenError extends Error {
  override readonly name = "CodegenError";
  readonly code: CodegenErrorCode;

  constructor(code: CodegenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** Structural check, so two copies of the package recognise each other's errors. */
  static is(value: unknown): value is CodegenError {
    return (
      value instanceof Error && value.name === "CodegenError" && typeof (value as { code?: unknown }).code === "string"
    );
  }
}
