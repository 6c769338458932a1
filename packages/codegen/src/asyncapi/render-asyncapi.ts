import type { Contract } from "@socket-contract/contract";
import { type AsyncApiDocument, buildAsyncApi } from "./build-asyncapi.js";
import { toYaml } from "./to-yaml.js";
import type { WireContractOptions } from "./wire-contract.js";

export type AsyncApiFormat = "yaml" | "json";

/**
 * The AsyncAPI document of a contract as text, YAML or JSON, ending with a newline. The same
 * contract always gives the same bytes.
 *
 * @example
 * writeFileSync("asyncapi.yaml", renderAsyncApi(contract, "yaml"));
 */
export function renderAsyncApi(contract: Contract, format: AsyncApiFormat, options: WireContractOptions = {}): string {
  return serializeAsyncApi(buildAsyncApi(contract, options), format);
}

/**
 * A built document as text.
 *
 * @example
 * serializeAsyncApi(document, "json");
 */
export function serializeAsyncApi(document: AsyncApiDocument, format: AsyncApiFormat): string {
  return format === "json" ? `${JSON.stringify(document, null, 2)}\n` : toYaml(document);
}
