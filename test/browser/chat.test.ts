import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ChatApp, startChatApp } from "@chat-example/server";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Browser, chromiumAvailable, launchChromium } from "./support/chromium.js";
import { buildWebPage } from "./support/web-build.js";

// The chat example in a real Chromium against the real server: what a person does, what they see.
const ARTIFACTS = fileURLToPath(new URL("../../test-results/browser/", import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.runIf(chromiumAvailable())("chat example in Chromium", { timeout: 60_000 }, () => {
  let staticDir: string;
  let app: ChatApp;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    staticDir = await buildWebPage();
    app = await startChatApp({ port: 0, host: "127.0.0.1", staticDir, awayCheckMs: 0 });
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
    // No uncaught exception, no console error (a CSP violation is one), whatever the test did.
    expect(browser.problems.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (staticDir !== undefined) rmSync(staticDir, { recursive: true, force: true });
  });

  /** Opens the page, signs in as `name` and waits until `general` is open. */
  async function enter(name: string, url = app.url): Promise<Page> {
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(url);
    await page.getByLabel("Your display name").fill(name);
    await page.getByRole("button", { name: "Join the chat" }).click();
    await page.locator('.room-button.is-active[data-room="general"]').waitFor();
    return page;
  }

  async function send(page: Page, text: string): Promise<void> {
    await page.getByLabel("Message", { exact: true }).fill(text);
    await page.getByLabel("Message", { exact: true }).press("Enter");
  }

  it("two people in the same room see each other's messages and each other", async () => {
    const ada = await enter("Ada");
    const grace = await enter("Grace");
    await send(ada, "Hello Grace, can you read me?");
    await grace.locator(".message-text", { hasText: "Hello Grace, can you read me?" }).waitFor();
    await send(grace, "Loud and clear, Ada.");
    await ada.locator(".message-text", { hasText: "Loud and clear, Ada." }).waitFor();

    // The sender sees its own message once (from the ack), the other once (from the broadcast).
    expect(await ada.locator(".message-text", { hasText: "Hello Grace" }).count()).toBe(1);
    expect(await grace.locator(".message-text", { hasText: "Hello Grace" }).count()).toBe(1);
    await expect.poll(() => ada.locator(".member .member-name").allTextContents()).toEqual(["Ada (you)", "Grace"]);
    await expect.poll(() => grace.locator(".member .member-name").allTextContents()).toEqual(["Ada", "Grace (you)"]);

    // Whoever joins later gets the history with the join's acknowledgement.
    const alan = await enter("Alan");
    await alan.locator(".message-text", { hasText: "Loud and clear, Ada." }).waitFor();
    await grace.locator(".member-name", { hasText: "Alan" }).waitFor();
  });

  it("shows who is typing, and stops when they send", async () => {
    const ada = await enter("Ada");
    const grace = await enter("Grace");
    await ada.getByLabel("Message", { exact: true }).pressSequentially("I am writi", { delay: 20 });
    await expect.poll(() => grace.locator(".typing-line").textContent()).toBe("Ada is typing…");
    await ada.getByLabel("Message", { exact: true }).press("Enter");
    await expect.poll(() => grace.locator(".typing-line").textContent()).toBe("");
    await grace.locator(".message-text", { hasText: "I am writi" }).waitFor();
  });

  it("uploads a real image from the browser, intact, and serves it back to everyone", async () => {
    const ada = await enter("Ada");
    const grace = await enter("Grace");
    // A real PNG: a picture of the page itself.
    const image = path.join(ARTIFACTS, "upload.png");
    await ada.screenshot({ path: image, clip: { x: 0, y: 0, width: 640, height: 400 } });
    const original = readFileSync(image);

    await ada.locator('input[type="file"]').setInputFiles(image);
    const seen = grace.locator(".attachment-image img").last();
    await seen.waitFor();
    await expect
      .poll(() => seen.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(640 * (await ada.evaluate(() => devicePixelRatio)));
    expect(await grace.locator(".attachment-image figcaption").last().textContent()).toMatch(/^upload\.png · \d+ KB$/);

    const src = await seen.getAttribute("src");
    expect(src).toMatch(/^\/uploads\/[0-9a-f-]{36}\/upload\.png$/);
    const response = await fetch(new URL(src!, app.url));
    expect(response.headers.get("content-type")).toBe("image/png");
    const served = new Uint8Array(await response.arrayBuffer());
    expect(served.byteLength).toBe(original.byteLength);
    expect(sha256(served)).toBe(sha256(original));

    await ada.locator(".attachment-image img").last().waitFor();
    await ada.screenshot({ path: path.join(ARTIFACTS, "chat.png"), animations: "disabled" });
  });

  it("shows the contract's errors for an overlong message and an oversized file, and the server stays up", async () => {
    const ada = await enter("Ada");
    const grace = await enter("Grace");

    await send(ada, "x".repeat(1_001));
    const tooLong = ada.locator(".toast-error", { hasText: "Message too long" });
    await tooLong.waitFor();
    expect(await tooLong.textContent()).toContain("1001 characters: the limit is 1000.");
    expect(await ada.getByLabel("Message", { exact: true }).inputValue()).toHaveLength(1_001); // kept, to be shortened

    // The page streams files up to 50 MB; a larger one is refused by its announced size, before any byte is read.
    const huge = path.join(ARTIFACTS, "huge.png");
    writeFileSync(huge, "");
    truncateSync(huge, 52_500_000); // sparse: nothing is written
    await ada.locator('input[type="file"]').setInputFiles(huge);
    const tooLarge = ada.locator(".toast-error", { hasText: "File too large" });
    await tooLarge.waitFor();
    expect(await tooLarge.textContent()).toContain("52.5 MB: the limit is 50 MB.");
    await ada.screenshot({ path: path.join(ARTIFACTS, "errors.png"), animations: "disabled" });

    // Still up and still serving: a normal message goes through, the page still loads.
    await send(ada, "Short and sweet.");
    await grace.locator(".message-text", { hasText: "Short and sweet." }).waitFor();
    expect((await fetch(new URL("/healthz", app.url))).status).toBe(200);
    expect(await grace.locator(".message-text", { hasText: "xxxxxxxx" }).count()).toBe(0);
  });

  it("answers the server's ping with whether the person is away", async () => {
    await enter("Ada");
    await enter("Grace");
    // The pages of earlier tests are closed; wait until the server has seen them go.
    await expect.poll(() => app.sockets.size).toBe(2);
    const answers = await Promise.all([...app.sockets].map((socket) => socket.timeout(3_000).emit("ping")));
    expect(answers).toEqual([{ away: false }, { away: false }]);
  });

  it("tells the person when a room is full", async () => {
    const small = await startChatApp({ port: 0, host: "127.0.0.1", staticDir, roomCapacity: 1, awayCheckMs: 0 });
    try {
      await enter("Ada", small.url);
      const grace = await browser.newPage();
      pages.push(grace);
      await grace.goto(small.url);
      await grace.getByLabel("Your display name").fill("Grace");
      await grace.getByRole("button", { name: "Join the chat" }).click();
      const full = grace.locator(".toast-error", { hasText: "Could not join #general" });
      await full.waitFor();
      expect(await full.locator(".toast-detail").textContent()).toBe("It is full (1 person). Try another room.");
      expect(await grace.locator(".room-button.is-active").count()).toBe(0);
    } finally {
      await Promise.all(pages.splice(0).map((page) => page.close()));
      await small.close();
    }
  });
});
