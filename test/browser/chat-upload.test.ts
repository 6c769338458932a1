import { createHash, randomBytes } from "node:crypto";
import { linkSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { chatSession, DESKTOP, PHONE } from "./support/chat-session.js";
import { chromiumAvailable } from "./support/chromium.js";
import { slowLink } from "./support/slow-link.js";

// A 20 MB file through the page's streamed upload (`file:stream`), twenty times Socket.IO's
// one-packet limit: the progress a person sees, the file another person gets, and Cancel.
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const MB20 = 20_000_000;

describe.runIf(chromiumAvailable())("a large upload in the chat, in Chromium", { timeout: 90_000 }, () => {
  const chat = chatSession();
  const folder = mkdtempSync(path.join(tmpdir(), "chat-upload-"));
  const big = path.join(folder, "big.bin");
  const original = randomBytes(MB20);
  writeFileSync(big, original);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Every percentage the page's progress bar shows from now on, in order. */
  const recordProgress = (page: Page) =>
    page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seen: number[] }).seen = seen;
      new MutationObserver(() => {
        const now = document.querySelector(".upload-bar")?.getAttribute("aria-valuenow");
        if (now != null && Number(now) !== seen.at(-1)) seen.push(Number(now));
      }).observe(document.querySelector(".uploads")!, { subtree: true, childList: true, attributes: true });
    });
  const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { seen: number[] }).seen);
  const percent = async (page: Page) =>
    Number(await page.locator(".upload-bar").getAttribute("aria-valuenow", { timeout: 5_000 }));

  it("uploads a 20 MB file with its progress to 100%, and another person gets the same bytes", async () => {
    const ada = await chat.enter("Ada");
    const grace = await chat.enter("Grace");
    await recordProgress(ada);
    await ada.locator('input[type="file"]').setInputFiles(big);

    const seen = grace.locator(".attachment-file", { hasText: "big.bin" });
    await seen.waitFor({ timeout: 30_000 });
    expect(await seen.locator(".file-size").textContent()).toBe("20 MB");
    await ada.locator(".attachment-file", { hasText: "big.bin" }).waitFor();
    // The bar went up step by step and reached 100%; once the server has the file it goes away.
    const steps = await progressSeen(ada);
    expect(steps.at(-1)).toBe(100);
    expect(steps.filter((step) => step > 0 && step < 100).length).toBeGreaterThan(5);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(await ada.locator(".upload").count()).toBe(0);

    const response = await fetch(new URL((await seen.getAttribute("href"))!, chat.app.url));
    expect(response.status).toBe(200);
    const served = new Uint8Array(await response.arrayBuffer());
    expect(served.byteLength).toBe(MB20);
    expect(sha256(served)).toBe(sha256(original));
    expect(chat.app.uploads.size).toBe(0);
  });

  it("cancels an upload: the server's handler ends, nothing is stored, nobody sees a file", async () => {
    // 3 MB/s up: about seven seconds for the file, time to see the bar move and press Cancel.
    const link = await slowLink(chat.app.port, 3_000_000);
    // The same bytes under a name of its own: the first test left a big.bin in the room's history.
    const draft = path.join(folder, "draft.bin");
    linkSync(big, draft);
    try {
      const grace = await chat.enter("Grace");
      for (const [name, viewport] of [
        ["Ada", DESKTOP],
        ["Linus", PHONE],
      ] as const) {
        const page = await chat.enter(name, { url: link.url, viewport });
        await page.locator('input[type="file"]').setInputFiles(draft);
        await expect.poll(() => percent(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
        await expect.poll(() => [...chat.app.uploads.values()].some((received) => received > 0)).toBe(true);
        const [id] = [...chat.app.uploads.keys()];
        expect(await page.locator(".upload-name").textContent()).toBe("draft.bin");
        await chat.screenshot(page, `upload-progress-${name === "Ada" ? "desktop" : "phone"}`);

        await page.getByRole("button", { name: "Cancel the upload of draft.bin" }).click();
        // The handler's finally ran (the upload left the board) and no file was kept under its id.
        await expect.poll(() => chat.app.uploads.size, { timeout: 5_000 }).toBe(0);
        expect((await fetch(new URL(`/uploads/${id}/draft.bin`, chat.app.url))).status).toBe(404);
        await page.locator(".upload").waitFor({ state: "detached" });
        expect(await page.locator(".toast-error").count()).toBe(0);

        // The connection still works; a message sent after the cancel arrives, and no file before it.
        await chat.send(page, `${name} changed their mind.`);
        await grace.locator(".message-text", { hasText: `${name} changed their mind.` }).waitFor();
        expect(await grace.locator(".attachment", { hasText: "draft.bin" }).count()).toBe(0);
      }
    } finally {
      await link.close();
    }
  });

  it("refuses an empty file before sending anything", async () => {
    const ada = await chat.enter("Ada");
    const empty = path.join(folder, "empty.txt");
    writeFileSync(empty, "");
    await ada.locator('input[type="file"]').setInputFiles(empty);
    await ada.locator(".toast-error", { hasText: "Empty file" }).waitFor();
    expect(chat.app.uploads.size).toBe(0);
  });
});
