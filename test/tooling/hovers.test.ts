import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

// What an editor shows on hover (TypeScript's quick info) in an app that binds a contract without
// generated wrappers, against the *built* packages, as a user who installed them sees them.

const TYPE_TESTS = fileURLToPath(new URL("../../packages/runtime-server/test-d/", import.meta.url));
const APP = `${TYPE_TESTS}hover-app.ts`; // never written: the language service reads it from memory

const SOURCE = `
import { z } from "zod";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { type Contract, defineContract, type TypeOnlySchema } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { bindClient } from "@socket-contract/client";

const shop = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: {
    "/shop": {
      auth: z.object({ token: z.string() }),
      clientToServer: {
        "order:place": {
          args: [z.object({ sku: z.string(), quantity: z.number().int().min(1) }), z.string().meta({ name: "note" })],
          ack: z.object({ id: z.string() }),
        },
      },
      serverToClient: { "order:shipped": { args: [z.object({ id: z.string(), at: z.number() })] } },
    },
  },
});

const io = bindServer(shop, new Server());
io.of("/shop").on("connection", (socket) => {
  socket.on("order:place", (order, note) => ({ id: order.sku + note }));
  socket.emit("order:shipped", { id: "1", at: 1 });
});
const client = bindClient(shop, "/shop", connect("http://localhost:3000/shop"));
void client.emit("order:place", { sku: "tea", quantity: 1 }, "gift");
io.of("/shop").emit("order:shipped", { id: "1", at: 1 });

// The contract under a name of its own: one line, and every bound type prints by that name.
interface ShopContract extends Contract<typeof shop> {}
const named: ShopContract = shop;
const namedIo = bindServer(named, new Server());
namedIo.of("/shop").on("connection", (namedSocket) => void namedSocket.raw);
const namedClient = bindClient(named, "/shop", connect("http://localhost:3000/shop"));

// As generated code types a contract: its tuples carry the names the generator chose.
interface ChatTypes extends Contract {
  readonly namespaces: {
    readonly "/chat": {
      readonly clientToServer: {
        readonly typing: { readonly args: readonly [room: TypeOnlySchema<string>, isTyping: TypeOnlySchema<boolean>] };
      };
    };
  };
}
declare const chatTypes: ChatTypes;
const chat = bindClient(chatTypes, "/chat", connect("http://localhost:3000/chat"));
chat.emit("typing", "general", true);
`;

let service: ts.LanguageService;

/** The quick info at the first `needle` in the app (at `offset` characters into it), as an editor shows it. */
function hover(needle: string, offset = 0): string {
  const at = SOURCE.indexOf(needle);
  if (at < 0) throw new Error(`no ${needle} in the app`);
  const info = service.getQuickInfoAtPosition(APP, at + offset);
  return ts.displayPartsToString(info?.displayParts);
}

describe("hovers without generated wrappers", () => {
  beforeAll(() => {
    for (const entry of ["contract", "runtime-server", "runtime-client"])
      if (!existsSync(fileURLToPath(new URL(`../../packages/${entry}/dist/index.d.ts`, import.meta.url))))
        throw new Error(`packages/${entry} is not built: run \`npx turbo run build\` first`);
    const config = ts.getParsedCommandLineOfConfigFile(
      `${TYPE_TESTS}tsconfig.json`,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
        },
      },
    )!;
    const read = (file: string) => (file === APP ? SOURCE : ts.sys.readFile(file));
    service = ts.createLanguageService({
      getScriptFileNames: () => [APP],
      getScriptVersion: () => "1",
      getScriptSnapshot: (file) => {
        const text = read(file);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => TYPE_TESTS,
      getCompilationSettings: () => config.options,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: (file) => file === APP || ts.sys.fileExists(file),
      readFile: read,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    });
    const problems = service
      .getSemanticDiagnostics(APP)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  });

  it("shows emit with named parameters and the payload's type, not the contract", () => {
    expect(hover("client.emit", 8)).toBe(
      [
        '(method) BoundPeer.emit<"order:place">(event: "order:place", arg0: {',
        "    sku: string;",
        "    quantity: number;",
        "}, arg1: string): Promise<{",
        "    id: string;",
        "}>",
      ].join("\n"),
    );
    expect(hover("socket.emit", 8)).toBe(
      [
        '(method) BoundPeer.emit<"order:shipped">(event: "order:shipped", payload: {',
        "    id: string;",
        "    at: number;",
        "}): void",
      ].join("\n"),
    );
  });

  it("names a handler's parameters the same way", () => {
    const on = hover("socket.on", 8);
    expect(on).toMatch(/^\(method\) BoundPeer\.on<"order:place">\(event: "order:place", handler: \(arg0: \{/);
    expect(on).toContain("}, arg1: string) => MaybePromise<{");
  });

  it("keeps the names a generated contract gives its arguments", () => {
    expect(hover("chat.emit", 6)).toBe(
      '(method) BoundPeer.emit<"typing">(event: "typing", room: string, isTyping: boolean): void',
    );
  });

  it("labels a namespace's broadcast too", () => {
    const broadcast = hover('io.of("/shop").emit', 15);
    expect(broadcast).toContain('.emit<"order:shipped">(event: "order:shipped", payload: {');
  });

  it("prints the bound server, socket and client by the contract's name once it has one", () => {
    expect(hover("const namedIo", 6)).toBe("const namedIo: BoundServer<ShopContract>");
    expect(hover("(namedSocket)", 1)).toBe('(parameter) namedSocket: BoundSocket<ShopContract, "/shop">');
    expect(hover("const namedClient", 6)).toBe('const namedClient: BoundClient<ShopContract, "/shop">');
  });

  it("never shows args_N or a Zod type in a method's hover, and keeps each short", () => {
    for (const [needle, offset] of [
      ["client.emit", 8],
      ["socket.emit", 8],
      ["socket.on", 8],
      ["chat.emit", 6],
    ] as const) {
      const shown = hover(needle, offset);
      expect(shown).not.toMatch(/args_\d/);
      expect(shown).not.toMatch(/Zod|\$strip|Contract</);
      expect(shown.length).toBeLessThan(200);
    }
  });
});
