import { binary, defineContract } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CodegenError, buildModel, generate } from "../src/index.js";
import { camelCase, folderOf, pascalCase } from "../src/model/naming.js";

const source = { path: "../contract.ts", exportName: "contract" };

function contractWith(clientToServer: Record<string, unknown>, serverToClient: Record<string, unknown> = {}) {
  return defineContract({ name: "t", version: "1", namespaces: { "/t": { clientToServer, serverToClient } as never } });
}

function failure(run: () => unknown): CodegenError {
  try {
    run();
  } catch (error) {
    if (CodegenError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a CodegenError");
}

describe("names come from the contract", () => {
  it.each([
    ["message:send", "MessageSend", "messageSend"],
    ["avatar-upload", "AvatarUpload", "avatarUpload"],
    ["userJoined", "UserJoined", "userJoined"],
    ["room.members.list", "RoomMembersList", "roomMembersList"],
    ["ping", "Ping", "ping"],
    // Letters outside ASCII are letters: none is dropped, and case follows the script's own.
    ["résumé:upload", "RésuméUpload", "résuméUpload"],
    ["über:send", "ÜberSend", "überSend"],
    ["заказ:создать", "ЗаказСоздать", "заказСоздать"],
    ["chat:送信", "Chat送信", "chat送信"],
  ])("%s -> %s / %s", (event, pascal, camel) => {
    expect(pascalCase(event)).toBe(pascal);
    expect(camelCase(event)).toBe(camel);
    // Both are identifiers a program may declare.
    expect(() => new Function(`let ${pascal}, ${camel};`)).not.toThrow();
  });

  it("a name whose words start with a digit or hold no letter gives a clear error", () => {
    for (const event of ["1st", "١٢:send", "::"]) {
      const error = failure(() => buildModel(contractWith({ [event]: { args: [z.string()] } })));
      expect(error.code).toBe("UNRENDERABLE");
      expect(error.message).toContain("gives no usable identifier");
    }
  });

  it.each([
    ["/chat", "chat"],
    ["/admin/users", "admin-users"],
    ["/", "main"],
    ["/café", "café"],
  ])("namespace %s lives in %s/", (path, folder) => {
    expect(folderOf(path)).toBe(folder);
  });

  it("an exported schema keeps its export name wherever it is used", () => {
    const Message = z.object({ text: z.string() });
    const model = buildModel(
      contractWith({ "message:send": { args: [Message], ack: Message } }, { message: { args: [Message] } }),
      { exports: { Message } },
    );
    const names = model.namespaces[0]!.declarations.map((declaration) => declaration.name);
    expect(names).toEqual(["Message", "MessagePayload", "MessageSendAck", "MessageSendError", "MessageSendPayload"]);
    expect(model.namespaces[0]!.declarations.find((d) => d.name === "MessageSendAck")!.type).toEqual({
      kind: "reference",
      name: "Message",
    });
  });

  it("an event name used in both directions gets the sender in its names", () => {
    const model = buildModel(contractWith({ typing: { args: [z.boolean()] } }, { typing: { args: [z.string()] } }));
    expect(model.namespaces[0]!.clientToServer[0]!.args[0]!.output).toEqual({
      kind: "reference",
      name: "ClientTypingPayload",
    });
    expect(model.namespaces[0]!.serverToClient[0]!.args[0]!.output).toEqual({
      kind: "reference",
      name: "ServerTypingPayload",
    });
    // Client methods keep the wire name: they cannot clash, one sends and the other listens.
    expect(model.namespaces[0]!.clientToServer[0]!.camel).toBe("typing");
    expect(model.namespaces[0]!.serverToClient[0]!.listener).toBe("onTyping");
  });

  it("two events that would share generated names are refused, naming both", () => {
    const error = failure(() =>
      buildModel(contractWith({ "a:b": { args: [z.string()] }, "a-b": { args: [z.string()] } })),
    );
    expect(error.message).toMatch(
      /clientToServer\["a:b"\]\.args\[0\] and namespaces\["\/t"\]\.clientToServer\["a-b"\]\.args\[0\] would both generate the name `ABPayload`|would both generate the name `ABPayload`/,
    );
  });
});

describe("the output is deterministic", () => {
  const build = (order: "ab" | "ba") => {
    const events = {
      "b:second": { args: [z.object({ y: z.number() })] },
      "a:first": { args: [z.object({ x: z.string() })], ack: z.boolean() },
    };
    const entries = Object.entries(events);
    return generate(contractWith(Object.fromEntries(order === "ab" ? entries : entries.reverse())), { source });
  };

  it("does not depend on the order events are written in", () => {
    expect(build("ab")).toEqual(build("ba"));
  });

  it("is sorted by path and opens every file with the banner and the source line", () => {
    const files = build("ab");
    expect(files.map((file) => file.path)).toEqual([
      "contract-types.ts",
      "fingerprint.ts",
      "index.ts",
      "inter-server.ts",
      "parsers.ts",
      "server.ts",
      "t/client.ts",
      "t/index.ts",
      "t/server.ts",
      "t/types.ts",
    ]);
    for (const file of files)
      expect(
        file.text.startsWith("// Code generated by socket-contract. DO NOT EDIT.\n// source: ../contract.ts\n\n"),
      ).toBe(true);
  });
});

describe("the contract import", () => {
  it("reaches a default export, with .js specifiers relative to each file", () => {
    const files = generate(contractWith({ x: { args: [] } }), {
      source: { path: "../src/contract.mts", exportName: "default" },
    });
    const text = (path: string) => files.find((file) => file.path === path)!.text;
    expect(text("contract-types.ts")).toContain('import source from "../src/contract.mjs";');
    expect(text("t/client.ts")).toContain('import { type ContractTypes, contract } from "../contract-types.js";');
    expect(text("t/client.ts")).toContain(
      'new BoundClient<ContractTypes, "/t">(contract, "/t", socket, options ?? {})',
    );
    expect(text("t/server.ts")).toContain('import type { ContractTypes } from "../contract-types.js";');
    expect(text("server.ts")).toContain('import { type ContractTypes, contract } from "./contract-types.js";');
  });
});

describe("exact types, or a clear error naming the place", () => {
  it("binary renders Uint8Array for receivers and Uint8Array | ArrayBuffer | Blob for senders", () => {
    const model = buildModel(contractWith({ up: { args: [z.object({ bytes: binary() })] } }));
    const [output, input] = model.namespaces[0]!.declarations.map((declaration) => declaration.type);
    expect(JSON.stringify([output, input])).toContain('"name":"Uint8Array"');
    expect(
      generate(contractWith({ up: { args: [z.object({ bytes: binary() })] } }), { source }).find(
        (f) => f.path === "t/types.ts",
      )!.text,
    ).toContain("bytes: Uint8Array | ArrayBuffer | Blob;");
  });

  it("never renders any or unknown for a schema that did not say so", () => {
    const text = generate(
      contractWith({
        x: { args: [z.object({ a: z.string(), b: z.array(z.number()), c: z.record(z.string(), z.date()) })] },
      }),
      { source },
    )
      .map((file) => file.text)
      .join("\n")
      .replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$/gm, "")
      // The wrappers' untyped view of the runtime (`type Calls`) renders no schema.
      .replace(/^type Calls = .*$/gm, "");
    expect(text).not.toMatch(/\bany\b/);
    expect(text).not.toMatch(/: unknown/);
  });

  it("a transform without the contract's TypeScript source is an error, not a guess", () => {
    const error = failure(() =>
      buildModel(contractWith({ x: { args: [z.object({ n: z.string().transform((s) => s.length) })] } })),
    );
    expect(error.code).toBe("UNRENDERABLE");
    expect(error.message).toMatch(
      /^namespaces\["\/t"\]\.clientToServer\.x\.args\[0\]\.n: the output type of a transform schema is known only from its TypeScript type/,
    );
  });

  it("a promise schema is refused, naming its place", () => {
    const error = failure(() =>
      buildModel(contractWith({ x: { args: [z.object({ later: z.promise(z.string()) })] } })),
    );
    expect(error.message).toBe(
      'namespaces["/t"].clientToServer.x.args[0].later: a promise schema cannot travel over Socket.IO, so it has no place in a contract',
    );
  });

  it("a recursive schema becomes a named recursive interface", () => {
    const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
      name: z.string(),
      children: z.array(z.lazy(() => Node)),
    });
    const text = generate(contractWith({ "tree:set": { args: [Node] } }), { source }).find(
      (file) => file.path === "t/types.ts",
    )!.text;
    expect(text).toContain("export interface TreeSetPayload {\n  name: string;\n  children: TreeSetPayload[];\n}");
  });

  it("a client method that would clash with the wrapper's own members is refused", () => {
    const error = failure(() => generate(contractWith({ timeout: { args: [] } }), { source }));
    expect(error.message).toMatch(
      /the event "timeout" would generate the client method `timeout`, which the client wrapper reserves/,
    );
  });
});
