/**
 * `@socket-contract/contract/internal`: the wire protocol and the endpoint core, shared by
 * `@socket-contract/server`, `@socket-contract/client` and `@socket-contract/codegen` so that every
 * side speaks it from one implementation. Internal to this project's packages: not a public API,
 * and it may change in any release. What applications and generated code use is exported by
 * `@socket-contract/contract` itself (`registerParsers` among it).
 */
export {
  type CompiledEvent,
  type CompileOptions,
  type EventCatalog,
  type Parsed,
  type StreamShape,
  compileEvent,
  compileEvents,
  parseArgs,
  parseValue,
  prepareSchema,
} from "./catalog.js";
export { DEFAULT_MAX_DEPTH, deeperThan, depthLimit, mayNestWithoutBound } from "./depth.js";
export {
  type AckEnvelope,
  type ContractErrorReport,
  type WireError,
  CONTRACT_ERROR_EVENT,
  errorEnvelope,
  fromWireError,
  okEnvelope,
  toReport,
  toWireError,
} from "./envelope.js";
export {
  type ContractIdentity,
  type ContractMismatchData,
  HANDSHAKE_KEY,
  filedIdentityOf,
  identityOf,
  mismatchError,
  readIdentity,
  readMismatchData,
  sameContract,
  splitHandshake,
} from "./handshake.js";
export { contractSchemas } from "./contract-schemas.js";
export { type SchemaCompiler, installCompiler } from "./schema-compiler.js";
export { MAX_ISSUES, toContractIssues } from "./issues.js";
export {
  type ParserFactory,
  type ParserSource,
  compileSchema,
  isCompiled,
  parserKey,
  parserSources,
  registerParsers,
} from "./precompiled.js";
export { type FastPath, fastPathOf } from "./fast-path.js";
export {
  PARSER_HELPERS,
  type ParserHelpers,
  type ParserMaker,
  type PlacedEvent,
  type PlacedParsers,
  attachParsers,
} from "./placed-parsers.js";
export {
  type ParserPlace,
  type ParserPlaces,
  type PlacedParserSource,
  clientParserPlaces,
} from "./parser-places.js";
export { type Where, handlerFailure } from "./outgoing-error.js";
export { type Handler, type Receiver, type RunningHandlers, receive } from "./receive.js";
export { Connection, type Wire } from "./connection.js";
export { type Admission, ServerConnection, type ServerWire } from "./server-connection.js";
export { type ConnectErrorData, connectError, readConnectError } from "./connect-error.js";
export { DEFAULT_ACK_TIMEOUT, type Endpoint } from "./endpoint.js";
export { type ErrorFanOut, type ErrorListener, type ReportContext, errorFanOut } from "./error-fan-out.js";
export {
  type AckResult,
  checkArgs,
  checkOutgoing,
  readAck,
  requestAck,
  transportFailure,
} from "./send.js";
export { DISCONNECTED_ANSWER, answerOwedAcks, readAcks, requestAcks } from "./broadcast-acks.js";
export {
  type OpenHeader,
  type StreamSide,
  STREAM_CANCEL,
  STREAM_CREDIT,
  STREAM_END,
  STREAM_ITEM,
  STREAM_OPEN,
  isStreamFrame,
} from "./stream-frames.js";
export { StreamEndpoint } from "./stream-endpoint.js";
export type { StreamHost } from "./stream-host.js";
export { DEFAULT_MAX_STREAMS, DEFAULT_STREAM_WINDOW, type StreamSettings, streamSettings } from "./stream-settings.js";
export { type CheckedItem, checkOutgoingItem } from "./stream-pump.js";
export { installStreams } from "./install-streams.js";
export { installStandardSchema } from "./install-standard-schema.js";
export { type Streams, hasStreams, streamSupport, streamsNotEnabled } from "./stream-support.js";
export { CARRIER_KEY, emptyCarrier, readCarrier, takeCarrier } from "./carrier.js";
export {
  type AttemptEnd,
  type ConnectionStep,
  type IncomingRun,
  type IncomingStep,
  type OutgoingStep,
  type RefusedStep,
  InterceptorSet,
  runConnection,
  runIncoming,
  runOutgoing,
  runRefused,
} from "./intercept.js";
export { payloadSize } from "./payload-size.js";
export { type Interception, observeSent, outgoingPacket } from "./intercepted.js";
export { callListener } from "./listener.js";
export { type NamespacePattern, readNamespacePattern } from "../namespace-pattern.js";
