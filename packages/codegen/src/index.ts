export { CodegenError, type CodegenErrorCode } from "./errors.js";
export { buildModel, type BuildModelOptions } from "./model/build-model.js";
export type {
  ArgumentModel,
  ContractModel,
  Declaration,
  EventModel,
  NamespaceModel,
  ScopeModel,
  TypePair,
} from "./model/contract-model.js";
export type { SchemaPath, StaticSide, StaticTypes } from "./model/static-types.js";
export type { TypeNode } from "./model/type-node.js";
export type { ContractSource } from "./emit/contract-import.js";
export { emitFiles, generate, type GenerateOptions } from "./emit/generate.js";
export { BANNER, type GeneratedFile } from "./emit/generated-file.js";
