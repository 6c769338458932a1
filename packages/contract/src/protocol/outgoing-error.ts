import { ContractError } from "../contract-error.js";
import { isBuiltInErrorCode } from "../error-codes.js";
import type { CompiledEvent } from "./catalog.js";
import { parseValue } from "./catalog.js";
import { sendsParsedValue } from "./wire-form.js";

export interface Where {
  readonly namespace: string | undefined;
  readonly event: string | undefined;
}

/**
 * What a handler's failure becomes. `wire` is what the sender gets back: a `ContractError` with a
 * built-in code the handler made (not one of another call it awaited) or a code the event declares
 * (its data checked against the declared schema), else
 * `HANDLER_ERROR` with a generic message, so no internal text leaves. `local` is what `onError` sees,
 * with what was thrown as its `cause`.
 */
export function handlerFailure(
  thrown: unknown,
  definition: CompiledEvent | undefined,
  where: Where,
): { wire: ContractError; local: ContractError } {
  if (ContractError.is(thrown)) {
    const { code } = thrown;
    if (isBuiltInErrorCode(code)) {
      // A built-in code the runtime located at another call (the handler's own emit, broadcast or
      // fetchSockets that timed out, or refused its payload) is this handler's failure: passed on,
      // the sender would read it as the fate of its own call.
      if (thrown.event !== undefined ? thrown.event !== where.event : thrown.namespace !== undefined)
        return genericFailure(thrown, where, `${code} from another call`);
      const wire = new ContractError(code, { message: thrown.message, issues: thrown.issues, ...where });
      return {
        wire,
        local: new ContractError(code, { message: thrown.message, issues: thrown.issues, cause: thrown, ...where }),
      };
    }
    const schema = definition?.errors?.get(code);
    if (schema !== undefined) {
      const parsed = parseValue(schema, thrown.data, [], definition!.maxDepth);
      if (parsed.ok) {
        const data = sendsParsedValue(schema) ? parsed.value : thrown.data;
        const wire = new ContractError(code, { message: thrown.message, data, ...where });
        return {
          wire,
          local: new ContractError(code, { message: thrown.message, data: thrown.data, cause: thrown, ...where }),
        };
      }
      return genericFailure(thrown, where, `The data of error ${code} does not match the contract`);
    }
    return genericFailure(thrown, where, `Error code ${code} is not declared for this event`);
  }
  return genericFailure(thrown, where, undefined);
}

function genericFailure(
  thrown: unknown,
  where: Where,
  reason: string | undefined,
): { wire: ContractError; local: ContractError } {
  const wire = new ContractError("HANDLER_ERROR", where);
  const local = new ContractError("HANDLER_ERROR", { message: reason ?? wire.message, cause: thrown, ...where });
  return { wire, local };
}
