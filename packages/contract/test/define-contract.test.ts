import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ContractDefinitionError, defineContract, isContract } from "../src/index.js";

const ok = { args: [z.string()] };
function define(namespaces: unknown, extra: Record<string, unknown> = {}) {
  return () => defineContract({ name: "chat", version: "1.0.0", namespaces, ...extra } as never);
}

describe("defineContract", () => {
  it("returns the definition marked as a contract", () => {
    const contract = defineContract({ name: "chat", version: "1.0.0", namespaces: { "/chat": { clientToServer: { typing: ok } } } });
    expect(isContract(contract)).toBe(true);
    expect(contract.namespaces["/chat"].clientToServer.typing).toBe(ok);
    expect(isContract({ namespaces: {} })).toBe(false);
    expect(isContract({ "~contract": { kind: "socket-contract" } })).toBe(true);
  });

  const cases: [string, () => unknown, string][] = [
    ["a path without a leading slash", define({ chat: {} }), 'namespaces["chat"]: a namespace path starts with "/"'],
    ["args that is not an array", define({ "/chat": { clientToServer: { typing: { args: z.string() } } } }), 'namespaces["/chat"].clientToServer["typing"].args: expected an array'],
    ["a non-schema argument", define({ "/chat": { clientToServer: { typing: { args: [z.string(), "boolean"] } } } }), 'namespaces["/chat"].clientToServer["typing"].args[1]: expected a Zod schema'],
    ["a non-schema ack", define({ "/chat": { serverToClient: { ping: { args: [], ack: "pong" } } } }), 'namespaces["/chat"].serverToClient["ping"].ack: expected a Zod schema'],
    ["a name reserved by Socket.IO", define({ "/chat": { clientToServer: { disconnect: ok } } }), 'namespaces["/chat"].clientToServer["disconnect"]: "disconnect" is reserved'],
    ["the protocol's reserved name", define({ "/chat": { serverToClient: { "contract:error": ok } } }), '"contract:error" is reserved'],
    ["a lower-case error code", define({ "/chat": { clientToServer: { send: { args: [], errors: { roomFull: z.object({}) } } } } }), 'errors["roomFull"]: an error code is UPPER_SNAKE_CASE'],
    ["a built-in error code", define({ "/chat": { clientToServer: { send: { args: [], errors: { TIMEOUT: z.object({}) } } } } }), 'errors["TIMEOUT"]: "TIMEOUT" is a built-in error code'],
    ["an unknown key (a typo)", define({ "/chat": { clientToServer: { send: { arg: [] } } } }), 'namespaces["/chat"].clientToServer["send"].arg: unknown key'],
    ["a non-schema auth", define({ "/chat": { auth: { token: "string" } } }), 'namespaces["/chat"].auth: expected a Zod schema'],
    ["an empty name", () => defineContract({ name: "", version: "1", namespaces: { "/": {} } } as never), "[defineContract] name: expected a non-empty string"],
    ["no namespaces", define({}), "namespaces: declare at least one namespace"],
    ["a reserved server-to-server name", define({ "/": {} }, { serverToServer: { connect: ok } }), 'serverToServer["connect"]: "connect" is reserved'],
  ];
  for (const [name, run, message] of cases) {
    it(`refuses ${name}, naming the place`, () => {
      expect(run).toThrow(ContractDefinitionError);
      expect(run).toThrow(message);
    });
  }
});
