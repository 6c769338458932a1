import { describe, expect, it } from "vitest";
import { z } from "zod";
import { util } from "zod/v4/core";
import { ContractDefinitionError, defineContract, isContract, streamOf, streamOfInfo } from "../src/index.js";

const ok = { args: [z.string()] };
function define(namespaces: unknown, extra: Record<string, unknown> = {}) {
  return () => defineContract({ name: "chat", version: "1.0.0", namespaces, ...extra } as never);
}

describe("defineContract", () => {
  it("returns the definition marked as a contract", () => {
    const contract = defineContract({
      name: "chat",
      version: "1.0.0",
      namespaces: { "/chat": { clientToServer: { typing: ok } } },
    });
    expect(isContract(contract)).toBe(true);
    expect(contract.namespaces["/chat"].clientToServer.typing).toBe(ok);
    expect(isContract({ namespaces: {} })).toBe(false);
    expect(isContract({ "~contract": { kind: "socket-contract" } })).toBe(true);
  });

  const cases: [string, () => unknown, string][] = [
    ["a path without a leading slash", define({ chat: {} }), 'namespaces["chat"]: a namespace path starts with "/"'],
    [
      "args that is not an array",
      define({ "/chat": { clientToServer: { typing: { args: z.string() } } } }),
      'namespaces["/chat"].clientToServer["typing"].args: expected an array',
    ],
    [
      "a non-schema argument",
      define({ "/chat": { clientToServer: { typing: { args: [z.string(), "boolean"] } } } }),
      'namespaces["/chat"].clientToServer["typing"].args[1]: expected a schema',
    ],
    [
      "a non-schema ack",
      define({ "/chat": { serverToClient: { ping: { args: [], ack: "pong" } } } }),
      'namespaces["/chat"].serverToClient["ping"].ack: expected a schema',
    ],
    [
      "a name reserved by Socket.IO",
      define({ "/chat": { clientToServer: { disconnect: ok } } }),
      'namespaces["/chat"].clientToServer["disconnect"]: "disconnect" is reserved',
    ],
    [
      "the protocol's reserved name",
      define({ "/chat": { serverToClient: { "contract:error": ok } } }),
      '"contract:error" is reserved',
    ],
    [
      "a lower-case error code",
      define({ "/chat": { clientToServer: { send: { args: [], errors: { roomFull: z.object({}) } } } } }),
      'errors["roomFull"]: an error code is UPPER_SNAKE_CASE',
    ],
    [
      "a built-in error code",
      define({ "/chat": { clientToServer: { send: { args: [], errors: { TIMEOUT: z.object({}) } } } } }),
      'errors["TIMEOUT"]: "TIMEOUT" is a built-in error code',
    ],
    [
      "FORBIDDEN, built in since interceptors",
      define({ "/chat": { clientToServer: { send: { args: [], errors: { FORBIDDEN: z.object({}) } } } } }),
      'errors["FORBIDDEN"]: "FORBIDDEN" is a built-in error code',
    ],
    [
      "an unknown key (a typo)",
      define({ "/chat": { clientToServer: { send: { arg: [] } } } }),
      'namespaces["/chat"].clientToServer["send"].arg: unknown key',
    ],
    [
      "a non-schema auth",
      define({ "/chat": { auth: { token: "string" } } }),
      'namespaces["/chat"].auth: expected a schema',
    ],
    [
      "an empty name",
      () => defineContract({ name: "", version: "1", namespaces: { "/": {} } } as never),
      "[defineContract] name: expected a non-empty string",
    ],
    ["no namespaces", define({}), "namespaces: declare at least one namespace"],
    [
      "a reserved server-to-server name",
      define({ "/": {} }, { serverToServer: { connect: ok } }),
      'serverToServer["connect"]: "connect" is reserved',
    ],
    [
      "a name in the protocol's contract: space",
      define({ "/chat": { clientToServer: { "contract:item": ok } } }),
      'clientToServer["contract:item"]: names starting with "contract:" are reserved',
    ],
    [
      "a non-schema stream",
      define({ "/chat": { clientToServer: { search: { args: [], stream: "row" } } } }),
      'clientToServer["search"].stream: expected a schema (Zod, or any Standard Schema v1',
    ],
    [
      "streamOf() before the last argument",
      define({ "/chat": { clientToServer: { up: { args: [streamOf(z.string()), z.string()] } } } }),
      'clientToServer["up"].args[0]: streamOf() can only be an event\'s last argument',
    ],
    [
      "a server-to-server stream",
      define({ "/": {} }, { serverToServer: { feed: { args: [], stream: z.string() } } }),
      'serverToServer["feed"].stream: server-to-server events cannot stream',
    ],
    [
      "a server-to-server streamOf()",
      define({ "/": {} }, { serverToServer: { feed: { args: [streamOf(z.string())] } } }),
      'serverToServer["feed"].args[0]: server-to-server events cannot stream',
    ],
    [
      "a stream of streams",
      define({ "/chat": { clientToServer: { s: { args: [], stream: streamOf(z.string()) } } } }),
      'clientToServer["s"].stream: items cannot themselves be streams',
    ],
    [
      "an ack that is a stream",
      define({ "/chat": { clientToServer: { s: { args: [], ack: streamOf(z.string()) } } } }),
      'clientToServer["s"].ack: an acknowledgement cannot be a stream',
    ],
  ];
  for (const [name, run, message] of cases) {
    it(`refuses ${name}, naming the place`, () => {
      expect(run).toThrow(ContractDefinitionError);
      expect(run).toThrow(message);
    });
  }
});

describe("streams in a contract", () => {
  it("accepts stream and a last streamOf() argument, in both directions", () => {
    const upload = streamOf(z.string(), { window: 4, maxItems: 10 });
    const contract = defineContract({
      name: "s",
      version: "1",
      namespaces: {
        "/s": {
          clientToServer: {
            search: { args: [z.string()], stream: z.object({ id: z.string() }), ack: z.number() },
            upload: { args: [z.string(), upload] },
          },
          serverToClient: { feed: { args: [], stream: z.string() } },
        },
      },
    });
    expect(isContract(contract)).toBe(true);
    expect(streamOfInfo(upload)).toMatchObject({ window: 4, maxItems: 10 });
    // A clone (what a method such as `.describe()` makes) keeps the marker, which lives in the definition.
    expect(streamOfInfo(util.clone(upload))?.window).toBe(4);
    expect(streamOfInfo(z.string())).toBeUndefined();
  });

  const cases: [string, () => unknown, string][] = [
    [
      "a window of 0",
      () => streamOf(z.string(), { window: 0 }),
      "streamOf(): window must be a whole number from 1 to 65536",
    ],
    [
      "a fractional maxItems",
      () => streamOf(z.string(), { maxItems: 1.5 }),
      "streamOf(): maxItems must be a non-negative whole number",
    ],
    [
      "items that are not a schema",
      () => streamOf("string" as never),
      "streamOf(): expected a schema for the items (Zod, or any Standard Schema v1 value)",
    ],
  ];
  for (const [name, run, message] of cases) {
    it(`streamOf() refuses ${name}`, () => {
      expect(run).toThrow(ContractDefinitionError);
      expect(run).toThrow(message);
    });
  }
});
