import type { Contract } from "@socket-contract/contract";
import { CodegenError } from "../errors.js";
import { type BuildModelOptions, buildModel } from "../model/build-model.js";
import type { ContractModel } from "../model/contract-model.js";
import type { ContractSource } from "./contract-import.js";
import type { EmitCache } from "./emit-cache.js";
import { emitClient } from "./emit-client.js";
import { CONTRACT_TYPES_FILE, emitContractTypes } from "./emit-contract-types.js";
import { type ContractParsers, contractParsers, emitParsers } from "./emit-parsers.js";
import { emitFingerprint, emitNamespaceIndex, emitRootIndex, emitServerRoot } from "./emit-root.js";
import { emitPath } from "./emit-path.js";
import { emitServer } from "./emit-server.js";
import { emitInterServerTypes, emitNamespaceTypes } from "./emit-types.js";
import { FileSet, type GeneratedFile } from "./generated-file.js";

/** Root files a namespace folder may not shadow. */
const ROOT_FILES = new Set(["contract-types", "fingerprint", "index", "inter-server", "parsers", "server"]);

/**
 * Prints a contract model as the generated files, sorted by path. Pure: the same model and
 * source give byte-identical text.
 *
 * @example
 * const files = emitFiles(model, { path: "../contract.ts", exportName: "contract" });
 * files.map((file) => file.path); // ["chat/client.ts", "chat/index.ts", ..., "server.ts"]
 */
export function emitFiles(
  model: ContractModel,
  source: ContractSource,
  parsers: ContractParsers = { sources: [] },
  cache?: EmitCache,
): GeneratedFile[] {
  const files = new FileSet(source.path);
  const fresh: { key: string; folder: string }[] = [];
  for (const namespace of model.namespaces) {
    if (ROOT_FILES.has(namespace.folder)) {
      throw new CodegenError(
        "UNRENDERABLE",
        `namespaces[${JSON.stringify(namespace.path)}]: its folder "${namespace.folder}" would sit beside the generated ${namespace.folder}.ts; rename the namespace`,
      );
    }
    const key = cache === undefined ? "" : JSON.stringify([source, namespace]);
    const cached = cache?.get(key);
    if (cached !== undefined) {
      files.addPrinted(cached);
      continue;
    }
    fresh.push({ key, folder: namespace.folder });
    const at = (name: string): string => `${namespace.folder}/${name}`;
    emitNamespaceTypes(files.create(at("types.ts")), namespace, source, at("types.ts"));
    emitClient(files.create(at("client.ts")), namespace, source, at("client.ts"));
    emitServer(files.create(at("server.ts")), namespace, source, at("server.ts"));
    if (namespace.pattern !== undefined) emitPath(files.create(at("path.ts")), namespace);
    emitNamespaceIndex(files.create(at("index.ts")), namespace.pattern !== undefined);
  }
  emitInterServerTypes(files.create("inter-server.ts"), model.interServer, source, "inter-server.ts");
  emitContractTypes(files.create(CONTRACT_TYPES_FILE), model, source);
  emitFingerprint(files.create("fingerprint.ts"), model);
  emitParsers(files.create("parsers.ts"), parsers);
  emitServerRoot(files.create("server.ts"), source, "server.ts");
  emitRootIndex(files.create("index.ts"), model.namespaces);
  const printed = files.print();
  if (cache !== undefined) {
    for (const { key, folder } of fresh)
      cache.set(
        key,
        printed.filter((file) => file.path.startsWith(`${folder}/`)),
      );
    cache.settle();
  }
  return printed;
}

export interface GenerateOptions extends BuildModelOptions {
  /** Where generated files find the contract module. */
  readonly source: ContractSource;
  /** Printed namespaces of an earlier run to reuse where their model did not change (watch mode). */
  readonly cache?: EmitCache;
}

/**
 * The whole pipeline for a contract value already in hand: contract -> sorted model -> ts-morph
 * AST -> text. The CLI adds loading the module and its TypeScript types, and writing the files.
 *
 * @example
 * const files = generate(contract, { source: { path: "../contract.ts", exportName: "contract" }, exports: module });
 */
export function generate(contract: Contract, options: GenerateOptions): GeneratedFile[] {
  return emitFiles(buildModel(contract, options), options.source, contractParsers(contract), options.cache);
}
