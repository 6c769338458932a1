import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { CONTENT_SECURITY_POLICY } from "@chat-example/server";
import { describe, expect, it } from "vitest";
import { startApp } from "./support.js";

/** A built page in `<tmp>/dist`, beside a file the server must never hand out. */
function webDist(): string {
  const parent = mkdtempSync(path.join(tmpdir(), "chat-static-"));
  writeFileSync(path.join(parent, "secret.txt"), "SECRET");
  const dir = path.join(parent, "dist");
  mkdirSync(dir);
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>chat</title>");
  writeFileSync(path.join(dir, "assets", "index-abc.js"), "console.log(1)");
  return dir;
}

function rawGet(port: number, rawPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: rawPath }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

describe("the page's files", () => {
  it("serves the page with its CSP, hashed assets for good, and the page for unknown paths", async () => {
    const app = await startApp({ staticDir: webDist() });
    const page = await fetch(app.url);
    expect(page.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
    expect(await page.text()).toContain("<title>chat</title>");
    const asset = await fetch(`${app.url}/assets/index-abc.js`);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(await (await fetch(`${app.url}/rooms/general`)).text()).toContain("<title>chat</title>");
  });

  it("never reads outside the page's folder", async () => {
    const app = await startApp({ staticDir: webDist() });
    // Sent as written: fetch() would normalise the dots away before they reach the server.
    for (const attempt of ["/../secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt"]) {
      const body = await rawGet(app.port, attempt);
      expect(body).not.toContain("SECRET");
      expect(body).toContain("<title>chat</title>");
    }
  });

  it("says how to build the page when it has not been built", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "chat-empty-"));
    const app = await startApp({ staticDir: empty });
    const response = await fetch(app.url);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("npm start");
  });
});
