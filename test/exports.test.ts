import { describe, expect, it } from "vitest";

// The public surface of each package, so that a change to it is always a visible diff.
describe("public exports", () => {
  it("@socket-contract/contract", async () => {
    expect(Object.keys(await import("@socket-contract/contract")).sort()).toEqual([
      "BUILT_IN_ERROR_CODES",
      "BoundPeer",
      "CONTRACT_ERROR_EVENT",
      "ContractDefinitionError",
      "ContractError",
      "RESERVED_EVENT_NAMES",
      "RESERVED_EVENT_PREFIX",
      "attachParsers",
      "binary",
      "binaryOptionsOf",
      "contractFingerprint",
      "defineContract",
      "isBuiltInErrorCode",
      "isContract",
      "isNamespacePattern",
      "isStandardSchema",
      "isZodSchema",
      "matchNamespace",
      "registerFingerprint",
      "registerParsers",
      "standardJsonSchemaOf",
      "streamOf",
      "streamOfInfo",
    ]);
  });

  // Internal to this project's packages (the runtimes, the generator), not a public API; snapshotted
  // all the same, so that what the runtimes share is a visible diff too.
  it("@socket-contract/contract/internal", async () => {
    expect(Object.keys(await import("@socket-contract/contract/internal")).sort()).toEqual([
      "CARRIER_KEY",
      "CONTRACT_ERROR_EVENT",
      "Connection",
      "DEFAULT_ACK_TIMEOUT",
      "DEFAULT_MAX_DEPTH",
      "DEFAULT_MAX_STREAMS",
      "DEFAULT_STREAM_WINDOW",
      "DISCONNECTED_ANSWER",
      "HANDSHAKE_KEY",
      "InterceptorSet",
      "MAX_ISSUES",
      "PARSER_HELPERS",
      "STREAM_CANCEL",
      "STREAM_CREDIT",
      "STREAM_END",
      "STREAM_ITEM",
      "STREAM_OPEN",
      "ServerConnection",
      "StreamEndpoint",
      "answerOwedAcks",
      "attachParsers",
      "callListener",
      "checkArgs",
      "checkOutgoing",
      "checkOutgoingItem",
      "clientParserPlaces",
      "compileEvent",
      "compileEvents",
      "compileSchema",
      "connectError",
      "contractSchemas",
      "deeperThan",
      "depthLimit",
      "emptyCarrier",
      "errorEnvelope",
      "errorFanOut",
      "fastPathOf",
      "filedIdentityOf",
      "fromWireError",
      "handlerFailure",
      "hasStreams",
      "identityOf",
      "installCompiler",
      "installStandardSchema",
      "installStreams",
      "isCompiled",
      "isStreamFrame",
      "mayNestWithoutBound",
      "mismatchError",
      "observeSent",
      "okEnvelope",
      "outgoingPacket",
      "parseArgs",
      "parseValue",
      "parserKey",
      "parserSources",
      "payloadSize",
      "prepareSchema",
      "readAck",
      "readAcks",
      "readCarrier",
      "readConnectError",
      "readIdentity",
      "readMismatchData",
      "readNamespacePattern",
      "receive",
      "registerParsers",
      "requestAck",
      "requestAcks",
      "runConnection",
      "runIncoming",
      "runOutgoing",
      "runRefused",
      "sameContract",
      "splitHandshake",
      "streamSettings",
      "streamSupport",
      "streamsNotEnabled",
      "takeCarrier",
      "toContractIssues",
      "toReport",
      "toWireError",
      "transportFailure",
    ]);
  });

  it("@socket-contract/codegen", async () => {
    expect(Object.keys(await import("@socket-contract/codegen")).sort()).toEqual([
      "BANNER",
      "CodegenError",
      "buildModel",
      "emitFiles",
      "generate",
    ]);
  });

  it("@socket-contract/opentelemetry", async () => {
    expect(Object.keys(await import("@socket-contract/opentelemetry")).sort()).toEqual([
      "ATTRIBUTES",
      "METRIC_NAMES",
      "metrics",
      "tracing",
    ]);
  });

  it("@socket-contract/server", async () => {
    expect(Object.keys(await import("@socket-contract/server")).sort()).toEqual([
      "BoundBroadcast",
      "BoundNamespace",
      "BoundRemoteSocket",
      "BoundServer",
      "BoundSocket",
      "ContractError",
      "bindServer",
    ]);
  });

  it("@socket-contract/client", async () => {
    expect(Object.keys(await import("@socket-contract/client")).sort()).toEqual([
      "BoundClient",
      "ContractError",
      "bindClient",
      "connectErrorOf",
      "enableInterceptors",
      "enableStandardSchema",
      "enableStreams",
      "isContractMismatch",
    ]);
  });

  // The entry a bundler picks under the "browser" condition: the same names as the Node entry.
  it("@socket-contract/client (browser)", async () => {
    expect(Object.keys(await import("../packages/runtime-client/src/browser.js")).sort()).toEqual([
      "BoundClient",
      "ContractError",
      "bindClient",
      "connectErrorOf",
      "enableInterceptors",
      "enableStandardSchema",
      "enableStreams",
      "isContractMismatch",
    ]);
  });
});
