import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
// The entry a bundler picks under the "browser" condition.
import { defineContract as defineInBrowser, isContract } from "../src/browser.js";
import { ContractDefinitionError, defineContract } from "../src/index.js";

const definition = {
  name: "size",
  version: "1.0.0",
  namespaces: {
    "/size": {
      clientToServer: { "room:join": { args: [z.object({ room: z.string() })], ack: z.object({ id: z.string() }) } },
    },
  },
};

describe("defineContract in a browser bundle", () => {
  it("marks a contract as Node's does, with the same keys", () => {
    const contract = defineInBrowser(definition);
    expect(isContract(contract)).toBe(true);
    expect(contract).toEqual(defineContract(definition));
  });

  it("refuses a shape the client runtime could not read, naming the place", () => {
    const bad = (events: unknown) =>
      defineInBrowser({ name: "x", version: "1", namespaces: { "/x": { clientToServer: events } } } as never);
    expect(() => bad({ ping: {} })).toThrow(
      new ContractDefinitionError(
        'namespaces["/x"].clientToServer["ping"].args',
        "expected an array of schemas (use [] for none)",
      ),
    );
    expect(() => bad({ ping: { args: [], ack: "pong" } })).toThrow(
      new ContractDefinitionError('namespaces["/x"].clientToServer["ping"]', "expected schemas"),
    );
    expect(() => bad({ ping: { args: [], errors: { FULL: {} } } })).toThrow(ContractDefinitionError);
    expect(() => defineInBrowser({ name: "x" } as never)).toThrow(
      new ContractDefinitionError("", "expected a name and a version"),
    );
    expect(() => defineInBrowser({ name: "x", version: "1" } as never)).toThrow(
      new ContractDefinitionError("namespaces", "expected an object"),
    );
  });

  it("leaves the contract's rules to Node, where the same contract is refused at import", () => {
    const reserved = { name: "x", version: "1", namespaces: { "/x": { serverToClient: { connect: { args: [] } } } } };
    expect(isContract(defineInBrowser(reserved))).toBe(true);
    expect(() => defineContract(reserved)).toThrow(
      new ContractDefinitionError(
        'namespaces["/x"].serverToClient["connect"]',
        '"connect" is reserved by Socket.IO or by this protocol',
      ),
    );
  });
});
