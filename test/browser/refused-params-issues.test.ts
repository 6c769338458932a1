import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contract } from "./fixtures/refused-params/contract.js";
import { type Browser, chromiumAvailable, launchChromium } from "./support/chromium.js";
import { buildFixturePage } from "./support/web-build.js";

// A page that opens a tenant whose parameters the contract refuses: the server sends the issues
// with connect_error; the page must get them on the rejected call and from connectErrorOf, as
// it does on an ack, and not only the code.

describe.runIf(chromiumAvailable())("a dynamic namespace's refused parameters, in Chromium", () => {
  let browser: Browser;
  let io: Server;
  let url: string;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = await buildFixturePage("refused-params");
    const http = createServer((request, response) => {
      const file = new URL(request.url ?? "/", "http://x").pathname;
      const name = file === "/" ? "index.html" : file.slice(1);
      try {
        const body = readFileSync(join(staticDir, name));
        response.writeHead(200, {
          "content-type": extname(name) === ".js" ? "text/javascript" : "text/html",
          "content-security-policy": "script-src 'self'",
        });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    io = new Server(http);
    bindServer(contract, io, { onError: () => {} })
      .of("/org/:orgId")
      .on("connection", (socket) => {
        socket.on("whoami", () => socket.params.orgId);
      });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    io?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  async function open(tenant: string): Promise<unknown> {
    const page = await browser.newPage();
    await page.goto(`${url}?tenant=${tenant}`);
    await page.waitForFunction(() => document.body.dataset.result !== undefined);
    const result = JSON.parse((await page.evaluate(() => document.body.dataset.result))!);
    await page.close();
    return result;
  }

  it("a valid tenant answers", async () => {
    expect(await open("acme")).toEqual({ ok: "acme" });
  });

  it("a refused tenant's call and connect_error carry the code and which parameter failed", async () => {
    const issues = [
      { path: ["orgId"], code: "invalid_format", message: "Invalid string: must match pattern /^[a-z]{1,5}$/" },
    ];
    expect(await open("BAD1")).toEqual({
      call: { code: "INVALID_PAYLOAD", issues },
      connectError: { code: "INVALID_PAYLOAD", issues },
    });
    expect(browser.problems.filter((problem) => !problem.includes("Failed to load resource"))).toEqual([]);
  });
});
