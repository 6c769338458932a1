import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bindServer } from "@socket-contract/server";
import { type BrowserContext, chromium } from "playwright-core";
import { Server } from "socket.io";
import { build, defaultClientConditions } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractSchemas, parserSources } from "../src/protocol/index.js";
import { contract } from "./fixtures/csp-page/contract.js";

// A real page, served with a Content-Security-Policy that forbids eval, binds the client runtime
// and talks to a real server: it must work, with no violation, and validate at compiled speed
// when the parsers generated ahead of time are registered.

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGE = fileURLToPath(new URL("./fixtures/csp-page/", import.meta.url));
const POLICY = "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_BROWSER === "1") throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
  console.warn(
    `[notice] no Chromium at ${CHROMIUM}: skipping the CSP browser test (apt-get install chromium to run it).`,
  );
  return false;
}

/** The page, bundled with the parsers `socket-contract generate` would write, as a virtual module. */
async function buildPage(outDir: string): Promise<void> {
  const entries = parserSources(contractSchemas(contract)).map(
    (source) => `  ${JSON.stringify(source.key)}: function (${source.params.join(", ")}) {\n${source.body}\n  },`,
  );
  const parsersModule = `export default {\n${entries.join("\n")}\n};\n`;
  await build({
    configFile: false,
    root: PAGE,
    logLevel: "warn",
    resolve: { conditions: ["@socket-contract/source", ...defaultClientConditions] },
    plugins: [
      {
        name: "precompiled-parsers",
        resolveId: (id) => (id === "virtual:precompiled-parsers" ? "\0precompiled-parsers" : undefined),
        load: (id) => (id === "\0precompiled-parsers" ? parsersModule : undefined),
      },
    ],
    build: { outDir, emptyOutDir: true, target: "es2022", modulePreload: { polyfill: false } },
  });
}

describe.runIf(chromiumAvailable())("a page whose Content-Security-Policy forbids eval (Chromium)", () => {
  let outDir: string;
  let http: HttpServer;
  let io: Server;
  let url: string;
  let browser: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), "csp-page-"));
    await buildPage(outDir);
    http = createServer((request, response) => {
      const name =
        (request.url ?? "/").split("?")[0] === "/" ? "index.html" : (request.url ?? "").split("?")[0]!.slice(1);
      const file = path.join(outDir, path.normalize(name));
      if (!file.startsWith(outDir) || !existsSync(file)) return void response.writeHead(404).end();
      const type = file.endsWith(".js") ? "text/javascript" : "text/html";
      response.writeHead(200, { "content-type": type, "content-security-policy": POLICY }).end(readFileSync(file));
    });
    io = new Server(http);
    const chat = bindServer(contract, io).of("/chat");
    chat.on("connection", (socket) => {
      socket.on("message:send", ({ room, text }) => {
        const message = { id: "m1", room, text, at: 1 };
        socket.emit("message", message);
        return message;
      });
      socket.on("avatar:upload", ({ bytes }) => ({ size: bytes.byteLength }));
      socket.on("typing", () => {});
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    profile = mkdtempSync(path.join(tmpdir(), "csp-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
    for (const folder of [outDir, profile]) if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  async function open(query: string): Promise<Record<string, any>> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    try {
      await page.goto(`${url}?${query}`);
      await page.waitForFunction(() => (window as { __result?: unknown }).__result !== undefined, undefined, {
        timeout: 20_000,
      });
      const result = await page.evaluate(() => (window as unknown as { __result: Record<string, unknown> }).__result);
      expect(problems).toEqual([]);
      return result;
    } finally {
      await page.close();
    }
  }

  // zod/mini loads no locale, so its messages are Zod's generic one; the code and the path are the same.
  function expectWorking(
    result: Record<string, any>,
    message = "Too small: expected string to have >=1 characters",
  ): void {
    expect(result.failed).toBeUndefined();
    expect(result.evalRefused).toBe(true);
    expect(result.ack).toEqual({ id: "m1", room: "lobby", text: "hello from a strict page", at: 1 });
    expect(result.received).toEqual(result.ack);
    expect(result.refused).toEqual({
      code: "INVALID_PAYLOAD",
      issues: [{ path: [0, "text"], code: "too_small", message }],
    });
    expect(result.upload).toEqual({ size: 3 });
  }

  it("with the generated parsers and jitless: every schema compiled, and not one violation", async () => {
    const result = await open("parsers=1&jitless=1");
    expectWorking(result);
    expect(result.compiled).toBe(result.schemas);
    expect(result.violationsAtImport).toEqual([]);
    expect(result.violationsInUse).toEqual([]);
  });

  it("with the generated parsers alone: every schema compiled, and the runtime never tries eval", async () => {
    const result = await open("parsers=1");
    expectWorking(result);
    expect(result.compiled).toBe(result.schemas);
    // Without jitless, Zod itself probes eval once, when the contract's first object schema is built.
    expect(result.violationsAtImport).toHaveLength(1);
    expect(result.violationsInUse).toEqual([]);
  });

  it("without generated parsers, under jitless: Zod's ordinary parser, and not one violation", async () => {
    const result = await open("jitless=1");
    expectWorking(result);
    expect(result.compiled).toBe(0);
    expect(result.violationsAtImport).toEqual([]);
    expect(result.violationsInUse).toEqual([]);
  });

  it("a zod/mini contract, with the generated parsers and jitless: the same parsers compile every schema, and not one violation", async () => {
    const result = await open("mini=1&parsers=1&jitless=1");
    expectWorking(result, "Invalid input");
    expect(result.compiled).toBe(result.schemas);
    expect(result.violationsAtImport).toEqual([]);
    expect(result.violationsInUse).toEqual([]);
  });

  it("a zod/mini contract without generated parsers or jitless: Zod's ordinary parser, and the runtime never tries eval", async () => {
    const result = await open("mini=1");
    expectWorking(result, "Invalid input");
    expect(result.compiled).toBe(0);
    expect(result.violationsInUse).toEqual([]);
  });
});
