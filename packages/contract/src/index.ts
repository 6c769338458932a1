export { binary, binaryOptionsOf, type BinaryInput, type BinaryOptions, type BinarySchema } from "./binary.js";
export { ContractError, type ContractErrorOptions, type ContractIssue } from "./contract-error.js";
export { defineContract, isContract, RESERVED_EVENT_NAMES, RESERVED_EVENT_PREFIX } from "./define-contract.js";
export { ContractDefinitionError } from "./definition-error.js";
export { BUILT_IN_ERROR_CODES, type BuiltInErrorCode, isBuiltInErrorCode } from "./error-codes.js";
export { contractFingerprint } from "./contract-fingerprint.js";
export { registerFingerprint } from "./fingerprint-registry.js";
export { BoundPeer, type PeerEvents } from "./peer.js";
export { type ParserFactory, registerParsers } from "./protocol/precompiled.js";
export { type ParserMaker, type PlacedEvent, type PlacedParsers, attachParsers } from "./protocol/placed-parsers.js";
export {
  streamOf,
  streamOfInfo,
  type StreamOfInfo,
  type StreamOfOptions,
  type StreamOfSchema,
  type StreamSource,
} from "./stream-of.js";
export type {
  ContractStream,
  EmitEventName,
  HasStream,
  HasUpload,
  InferStreamItemInput,
  InferStreamItemOutput,
  InferUploadItemInput,
  InferUploadItemOutput,
  IsStreamEvent,
  StreamArgs,
  StreamCallOptions,
  StreamEventName,
  StreamHandler,
  StreamResult,
} from "./infer-stream.js";
export type {
  InferConcreteNamespacePath,
  InferNamespaceParams,
  InferNamespacePattern,
  PatternParamNames,
  PatternPath,
} from "./infer-namespace.js";
export { isNamespacePattern, matchNamespace, type NamespaceMatch } from "./namespace-pattern.js";
export { isStandardSchema, isZodSchema } from "./schema-kind.js";
export { standardJsonSchemaOf } from "./standard-json-schema.js";
export type {
  ClientToServerOf,
  EmitResult,
  EventHandler,
  EventOf,
  HasAck,
  InferAckInput,
  InferAckOutput,
  InferArgsInput,
  InferArgsOutput,
  InferAuth,
  InferAuthInput,
  InferClientToServerEvents,
  InferErrorCode,
  InferEventError,
  InferInterServerEvents,
  InferNamespacePath,
  InferSchemaInput,
  InferSchemaOutput,
  InferServerToClientEvents,
  InferSocketData,
  ServerToClientOf,
  ServerToServerOf,
} from "./infer.js";
export type {
  Carrier,
  ConnectionAttempt,
  ConnectionOutcome,
  IncomingCall,
  Interceptor,
  Outcome,
  OutgoingPacket,
  Refusal,
  Side,
  StreamClosing,
  StreamOpening,
} from "./interceptor.js";
export type { AckEnvelope, ContractErrorReport, WireError } from "./protocol/envelope.js";
export { CONTRACT_ERROR_EVENT } from "./protocol/envelope.js";
export type { ContractIdentity, ContractMismatchData } from "./protocol/handshake.js";
export type {
  AnySchema,
  Contract,
  ContractDefinition,
  ContractMarker,
  ContractShape,
  EventDefinition,
  EventMap,
  NamespaceDefinition,
  SchemaShape,
  TypeOnlySchema,
  TypeOnlyStreamOf,
  ZodSchema,
} from "./types.js";
