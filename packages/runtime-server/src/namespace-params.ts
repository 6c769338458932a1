import { type AnySchema, ContractError } from "@socket-contract/contract";
import {
  type NamespacePattern,
  parseValue,
  prepareSchema,
  readNamespacePattern,
} from "@socket-contract/contract/internal";

/** What a dynamic namespace knows of its key: how to read a concrete path, and how to check its parameters. */
export interface PatternInfo {
  readonly key: string;
  readonly pattern: NamespacePattern;
  readonly params: AnySchema | undefined;
}

/** The pattern of a namespace key, or `undefined` for a static key. */
export function patternInfo(key: string, params: AnySchema | undefined): PatternInfo | undefined {
  const pattern = readNamespacePattern(key);
  if ("problem" in pattern || pattern.paramNames.length === 0) return undefined;
  return { key, pattern, params: params === undefined ? undefined : prepareSchema(params) };
}

/**
 * The parameters of a concrete path, parsed by the `params` schema (raw strings without one).
 * Throws `INVALID_PAYLOAD` with the issues when they fail, which refuses the connection.
 */
export function parseParams(info: PatternInfo, path: string): unknown {
  const found = info.pattern.regExp.exec(path);
  const raw: Record<string, string> = {};
  info.pattern.paramNames.forEach((name, index) => {
    raw[name] = found?.[index + 1] ?? "";
  });
  if (info.params === undefined) return raw;
  const parsed = parseValue(info.params, raw, []);
  if (parsed.ok) return parsed.value;
  throw new ContractError("INVALID_PAYLOAD", {
    message: "The namespace's parameters do not match the contract.",
    issues: parsed.issues,
    // What a schema threw, for onError (the client's connect_error carries only code, message and issues).
    cause: parsed.cause,
    namespace: path,
  });
}
