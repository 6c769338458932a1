import { describe, expect, it } from "vitest";

// The public surface of each package, so that a change to it is always a visible diff.
describe("public exports", () => {
  it("@socket-contract/contract", async () => {
    expect(Object.keys(await import("@socket-contract/contract")).sort()).toEqual([
      "BUILT_IN_ERROR_CODES",
      "CONTRACT_ERROR_EVENT",
      "ContractDefinitionError",
      "ContractError",
      "RESERVED_EVENT_NAMES",
      "RESERVED_EVENT_PREFIX",
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
      "standardJsonSchemaOf",
      "streamOf",
      "streamOfInfo",
    ]);
  });

  it("@socket-contract/opentelemetry", async () => {
    expect(Object.keys(await import("@socket-contract/opentelemetry")).sort()).toEqual(["ATTRIBUTES", "METRIC_NAMES", "metrics", "tracing"]);
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
    expect(Object.keys(await import("@socket-contract/client")).sort()).toEqual(["BoundClient", "ContractError", "bindClient", "connectErrorOf", "isContractMismatch"]);
  });
});
