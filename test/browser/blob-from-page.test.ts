import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { createServer as createViteServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contract } from "./fixtures/blob-upload/contract.js";
import { type Browser, chromiumAvailable, launchChromium } from "./support/chromium.js";

// binary() takes a Blob from a page (Node refuses one: test/runtime/blob-sent-from-node.test.ts).
// The page is served by Vite's dev server, as a developer runs it, not only by a production build.

describe.runIf(chromiumAvailable())("a Blob sent from a page under Vite's dev server, in Chromium", () => {
  let browser: Browser;
  let io: Server;
  let vite: ViteDevServer;
  let server: string;
  const received: { name: string; isUint8Array: boolean }[] = [];

  beforeAll(async () => {
    const http = createServer();
    io = new Server(http, { cors: { origin: "*" } });
    bindServer(contract, io, { onError: () => {} })
      .of("/files")
      .on("connection", (socket) => {
        socket.on("file:put", ({ name, bytes }) => {
          received.push({ name, isUint8Array: bytes instanceof Uint8Array });
          return [...bytes];
        });
      });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    server = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    vite = await createViteServer({
      configFile: false,
      root: fileURLToPath(new URL("./fixtures/blob-upload", import.meta.url)),
      logLevel: "warn",
      resolve: { conditions: ["@socket-contract/source", "browser", "module", "import", "default"] },
      optimizeDeps: { noDiscovery: true, include: [] },
      server: { host: "127.0.0.1", port: 0 },
    });
    await vite.listen();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await vite?.close();
    io?.close();
  });

  for (const transport of ["websocket", "polling"] as const) {
    it(`over ${transport}: the server gets the Blob's bytes, a too-big one is refused before it leaves`, async () => {
      received.length = 0;
      const page = await browser.newPage();
      await page.goto(`${vite.resolvedUrls!.local[0]}?transport=${transport}&server=${encodeURIComponent(server)}`);
      await page.waitForFunction(() => document.body.dataset.result !== undefined);
      const result = JSON.parse((await page.evaluate(() => document.body.dataset.result))!);
      await page.close();
      expect(result).toEqual({
        small: [1, 2, 250],
        big: {
          code: "INVALID_PAYLOAD",
          issues: [{ path: [0, "bytes"], code: "too_big", message: "Expected at most 8 bytes" }],
        },
        after: [7],
        connected: true,
      });
      expect(received).toEqual([
        { name: "small", isUint8Array: true },
        { name: "after", isUint8Array: true },
      ]);
      expect(browser.problems.filter((problem) => !problem.includes("Failed to load resource"))).toEqual([]);
    });
  }
});
