// Types a user gets from a contract written with Valibot, ArkType and Zod together, and from
// dynamic namespace keys.
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import { expectAssignable, expectNotAssignable, expectType } from "tsd";
import * as v from "valibot";
import { z } from "zod";
import {
  type ClientToServerOf,
  defineContract,
  type InferAckInput,
  type InferAckOutput,
  type InferArgsInput,
  type InferArgsOutput,
  type InferAuth,
  type InferConcreteNamespacePath,
  type InferNamespaceParams,
  type InferNamespacePattern,
  type InferSocketData,
  type PatternParamNames,
  type PatternPath,
} from "@socket-contract/contract";

const contract = defineContract({
  name: "mixed",
  version: "1",
  namespaces: {
    "/chat": {
      auth: type({ token: "string" }),
      data: v.object({ userId: v.string() }),
      clientToServer: {
        send: {
          args: [
            toStandardJsonSchema(v.object({ room: v.string() })),
            type({ count: "string.numeric.parse" }),
            z.string(),
          ],
          ack: v.pipe(
            v.string(),
            v.transform((text) => text.length),
          ),
        },
      },
    },
    "/org/:orgId": {
      params: v.object({
        orgId: v.pipe(
          v.string(),
          v.transform((id) => id.toUpperCase()),
          v.brand("Org"),
        ),
      }),
    },
    "/doc/:docId/page/:page": {},
  },
});
type Mixed = typeof contract;
type Send = ClientToServerOf<Mixed, "/chat">["send"];

declare function value<T>(): T;

// A sender passes each library's input type; a handler receives its output type.
expectType<[{ room: string }, { count: string }, string]>(value<InferArgsInput<Send>>());
expectType<[{ room: string }, { count: number }, string]>(value<InferArgsOutput<Send>>());
expectType<string>(value<InferAckInput<Send>>());
expectType<number>(value<InferAckOutput<Send>>());
expectType<{ token: string }>(value<InferAuth<Mixed, "/chat">>());
expectType<{ userId: string }>(value<InferSocketData<Mixed, "/chat">>());

// Concrete paths map to their pattern, segment by segment; others map to never.
expectType<"/org/:orgId">(value<InferNamespacePattern<Mixed, "/org/acme">>());
expectType<"/chat">(value<InferNamespacePattern<Mixed, "/chat">>());
expectType<"/doc/:docId/page/:page">(value<InferNamespacePattern<Mixed, "/doc/42/page/1">>());
expectType<"/org/:orgId">(value<InferNamespacePattern<Mixed, `/org/${string}`>>());
expectType<never>(value<InferNamespacePattern<Mixed, "/org">>());
expectType<never>(value<InferNamespacePattern<Mixed, "/org/">>());
expectType<never>(value<InferNamespacePattern<Mixed, "/org/acme/x">>());
expectType<never>(value<InferNamespacePattern<Mixed, "/other">>());

// Template literals for the concrete paths.
expectType<`/org/${string}`>(value<PatternPath<"/org/:orgId">>());
expectType<"/chat">(value<PatternPath<"/chat">>());
expectAssignable<InferConcreteNamespacePath<Mixed>>("/org/acme");
expectAssignable<InferConcreteNamespacePath<Mixed>>("/doc/1/page/2");
expectNotAssignable<InferConcreteNamespacePath<Mixed>>("/nowhere");
expectType<"docId" | "page">(value<PatternParamNames<"/doc/:docId/page/:page">>());

// Params: the output of the `params` schema, or one string per parameter.
expectType<string & v.Brand<"Org">>(value<InferNamespaceParams<Mixed, "/org/:orgId">>().orgId);
expectType<{ readonly docId: string; readonly page: string }>(
  value<InferNamespaceParams<Mixed, "/doc/:docId/page/:page">>(),
);
