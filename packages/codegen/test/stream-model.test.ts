import { binary, defineContract, streamOf } from "@socket-contract/contract";
import { expect, it } from "vitest";
import { z } from "zod";
import { buildModel, type SchemaPath, type StaticTypes } from "../src/index.js";

/** A checker that records what it is asked: the CLI's opens a TypeScript program on `prepare`. */
function recordingChecker(): StaticTypes & { asked: SchemaPath[][] } {
  const asked: SchemaPath[][] = [];
  return { asked, brandsOf: () => undefined, prepare: (paths) => void asked.push([...paths]), side: () => undefined };
}

const files = defineContract({
  name: "files",
  version: "1.0.0",
  namespaces: {
    "/files": {
      clientToServer: {
        search: { args: [z.string()], stream: z.object({ path: z.string() }), ack: z.object({ total: z.number() }) },
        upload: {
          args: [z.object({ name: z.string() }), streamOf(binary({ maxBytes: 65_536 }))],
          ack: z.object({ bytes: z.number() }),
        },
      },
    },
  },
});

it("a stream contract without transforms never asks the checker (streamOf() is read through its item schema)", () => {
  const checker = recordingChecker();
  const model = buildModel(files, { staticTypes: checker });
  expect(checker.asked).toEqual([]);
  const [search, upload] = model.namespaces[0]!.clientToServer;
  expect(search).toMatchObject({
    stream: { input: { name: "SearchItem" }, output: { name: "SearchItem" } },
    ack: { output: { name: "SearchAck" } },
  });
  expect(upload).toMatchObject({
    upload: { input: { name: "UploadUploadItemInput" }, output: { name: "UploadUploadItem" } },
  });
  expect(upload!.args.map((arg) => [arg.name, arg.input, arg.output])).toEqual([
    ["arg0", { kind: "reference", name: "UploadArg0" }, { kind: "reference", name: "UploadArg0" }],
    ["arg1", { kind: "reference", name: "UploadArg1Input" }, { kind: "reference", name: "UploadArg1" }],
  ]);
  const declarations = Object.fromEntries(
    model.namespaces[0]!.declarations.map((declaration) => [declaration.name, declaration.type]),
  );
  expect(declarations.UploadArg1Input).toEqual({
    kind: "reference",
    name: "StreamSource",
    args: [{ kind: "reference", name: "UploadUploadItemInput" }],
    from: "@socket-contract/contract",
  });
  expect(declarations.UploadArg1).toEqual({
    kind: "reference",
    name: "AsyncIterable",
    args: [{ kind: "reference", name: "UploadUploadItem" }],
  });
});

it("a transform inside a streamOf() item asks the checker for that item, through the types-only ~streamOf key", () => {
  const contract = defineContract({
    name: "t",
    version: "1",
    namespaces: {
      "/t": {
        clientToServer: { lengths: { args: [streamOf(z.string().transform((text) => text.length))], ack: z.number() } },
      },
    },
  });
  const checker = recordingChecker();
  expect(() => buildModel(contract, { staticTypes: checker })).toThrow(
    /namespaces\["\/t"\]\.clientToServer\.lengths\.args\[0\]\.item: the output type of a transform schema/,
  );
  expect(checker.asked).toEqual([
    [{ definition: ["namespaces", "/t", "clientToServer", "lengths", "args", 0, "~streamOf"], def: ["out"] }],
  ]);
});
