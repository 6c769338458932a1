import { installStandardSchema } from "@socket-contract/contract/internal";

/**
 * Lets bound clients take contracts with schemas of other libraries (Valibot, ArkType, any
 * Standard Schema v1 value). The Node entry does it by itself; in a browser bundle that code is
 * left out until a page calls this once before \`bindClient\` (the generated \`bind...Client\` of such
 * a contract does), so a page whose contract is all Zod does not carry it. \`bindClient\` on a
 * namespace with such a schema throws a \`TypeError\` saying so when it was not called.
 *
 * @example
 * enableStandardSchema();
 * const chat = bindClient(valibotContract, "/chat", io("/chat"));
 */
export function enableStandardSchema(): void {
  installStandardSchema();
}
