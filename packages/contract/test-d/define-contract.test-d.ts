// defineContract keeps the definition exactly as written (literal names, schema types) and
// refuses, at compile time, what is not a contract.
import { expectAssignable, expectError, expectType } from "tsd";
import { z } from "zod";
import {
  binary,
  type BinarySchema,
  type Contract,
  ContractError,
  type ContractMarker,
  defineContract,
  isContract,
} from "@socket-contract/contract";
import { contract } from "./chat-contract.js";

expectType<"chat">(contract.name);
expectType<"1.0.0">(contract.version);
expectType<ContractMarker>(contract["~contract"]);
expectAssignable<Contract>(contract);

// An event's args must be Zod schemas, in an array.
expectError(
  defineContract({
    name: "bad",
    version: "1",
    namespaces: { "/bad": { clientToServer: { send: { args: ["text"] } } } },
  }),
);
expectError(
  defineContract({
    name: "bad",
    version: "1",
    namespaces: { "/bad": { clientToServer: { send: { args: z.string() } } } },
  }),
);
expectError(defineContract({ name: "bad", version: "1", namespaces: { "/bad": { clientToServer: { send: {} } } } }));
// ack, errors, auth and data must be schemas too.
expectError(
  defineContract({
    name: "bad",
    version: "1",
    namespaces: { "/bad": { clientToServer: { send: { args: [], ack: "ok" } } } },
  }),
);
expectError(
  defineContract({
    name: "bad",
    version: "1",
    namespaces: { "/bad": { clientToServer: { send: { args: [], errors: { FULL: 50 } } } } },
  }),
);
expectError(defineContract({ name: "bad", version: "1", namespaces: { "/bad": { auth: { token: "string" } } } }));
// name and version are required.
expectError(defineContract({ version: "1", namespaces: { "/ok": {} } }));
expectError(defineContract({ name: "bad", namespaces: { "/ok": {} } }));

// binary() works with no options, and its options are typed.
expectType<BinarySchema>(binary());
expectType<BinarySchema>(binary({ maxBytes: 2_000_000, minBytes: 1 }));
expectError(binary({ maxBytes: "2MB" }));
expectType<Uint8Array>(z.parse(binary(), new ArrayBuffer(1)));
expectType<Uint8Array | undefined>(z.object({ bytes: z.optional(binary()) }).parse({}).bytes);

// ContractError keeps its code and data types; is() narrows an unknown value.
const full = new ContractError("ROOM_FULL", { data: { capacity: 50 } });
expectType<ContractError<"ROOM_FULL", { capacity: number }>>(full);
expectType<"ROOM_FULL">(full.code);
expectError((full.code = "OTHER"));
declare const thrown: unknown;
if (ContractError.is(thrown, "TIMEOUT")) expectType<"TIMEOUT">(thrown.code);
if (isContract(thrown)) expectType<Contract>(thrown);
