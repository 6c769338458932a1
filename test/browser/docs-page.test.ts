import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as chatExample from "../../examples/chat/contract/src/contract.js";
import { renderDocsPage } from "../../packages/codegen/src/docs/render-docs.js";
import { type Browser, chromiumAvailable, launchChromium } from "./support/chromium.js";

// The generator's reference page for the chat example's contract, opened in a real Chromium.

const SCREENSHOTS = fileURLToPath(new URL("../../test-results", import.meta.url));

describe.runIf(chromiumAvailable())("socket-contract docs in Chromium", () => {
  let browser: Browser;
  let url: string;
  const folder = mkdtempSync(join(tmpdir(), "socket-contract-docs-"));

  beforeAll(async () => {
    writeFileSync(join(folder, "index.html"), renderDocsPage(chatExample.contract, { exports: chatExample }));
    url = pathToFileURL(join(folder, "index.html")).href;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("opens from disk and shows the contract, its namespace and every event, with nothing overflowing", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(url);
    expect(await page.title()).toBe("chat 1.0.0 · Socket.IO API reference");
    expect(await page.locator("h1").innerText()).toBe("chat");
    expect(await page.locator("article[data-event].c2s").count()).toBe(8);
    expect(await page.locator("article[data-event].s2c").count()).toBe(4);
    expect(await page.locator("#types article").count()).toBe(6);
    // Nothing wider than the window, and no code block wider than its card.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const overflowing = await page.evaluate(() =>
      Array.from(document.querySelectorAll("article"))
        .filter((card) => card.scrollWidth > card.clientWidth + 1)
        .map((card) => card.id),
    );
    expect(overflowing).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "docs-page.png") });
    await page.screenshot({ path: join(SCREENSHOTS, "docs-page-full.png"), fullPage: true });
    expect(browser.problems).toEqual([]);
  });

  it("fits a phone's width: the fingerprint wraps instead of pushing the page sideways", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(url);
    const fingerprint = page.locator(".meta code");
    expect(await fingerprint.innerText()).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    const box = await fingerprint.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "docs-phone.png") });
    expect(browser.problems).toEqual([]);
  });

  it("takes the reader from the sidebar to an event, and from a type link to the type", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('nav a[href="#event-chat-c2s-room-join"]').click();
    await expect
      .poll(() =>
        page.locator("#event-chat-c2s-room-join").evaluate((card) => Math.round(card.getBoundingClientRect().top)),
      )
      .toBeLessThan(5);
    await page.locator('#event-chat-c2s-room-join a.type-link[href="#type-room-name"]').first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#type-room-name");
    expect(await page.locator("#type-room-name").isVisible()).toBe(true);
    await page.locator("#event-chat-c2s-file-upload").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, "docs-event.png") });
    expect(browser.problems).toEqual([]);
  });

  it("filters events as the reader types", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator("#filter").fill("room:");
    const visible = await page.locator("article[data-event]:visible h4").allInnerTexts();
    expect(visible).toEqual(["room:join", "room:leave", "room:list"]);
    await page.locator("#filter").fill("");
    expect(await page.locator("article[data-event]:visible").count()).toBe(18);
    expect(browser.problems).toEqual([]);
  });
});
