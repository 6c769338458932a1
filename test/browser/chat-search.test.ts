import { bindChatClient } from "@chat-example/contract/client";
import type { Page } from "playwright-core";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { chatSession, PHONE } from "./support/chat-session.js";
import { chromiumAvailable } from "./support/chromium.js";

// The chat's server-to-client stream as a person sees it: `message:search` results appear in the
// page one by one as the server finds them, then how many matched; Close cancels.
const MATCHES = 40;

describe.runIf(chromiumAvailable())("searching a room in the chat, in Chromium", { timeout: 60_000 }, () => {
  const chat = chatSession();

  /** Posts `texts` to `general` from a Node client, as another person would. */
  async function post(texts: readonly string[]): Promise<void> {
    const socket = io(`${chat.app.url}/chat`, { auth: { name: "Poster" }, forceNew: true, transports: ["websocket"] });
    const poster = bindChatClient(socket, { ackTimeout: 5_000 });
    try {
      await poster.roomJoin("general");
      for (const text of texts) await poster.messageSend({ room: "general", text });
    } finally {
      socket.disconnect();
    }
  }

  /** How many results the panel showed after each change, from now on. */
  const recordResults = (page: Page) =>
    page.evaluate(() => {
      const counts: number[] = [];
      (window as unknown as { counts: number[] }).counts = counts;
      new MutationObserver(() => {
        const now = document.querySelectorAll(".search-result").length;
        if (now !== counts.at(-1)) counts.push(now);
      }).observe(document.querySelector(".search-panel")!, { subtree: true, childList: true });
    });
  const resultCounts = (page: Page) => page.evaluate(() => (window as unknown as { counts: number[] }).counts);

  async function search(page: Page, text: string): Promise<void> {
    await page.getByLabel("Search this room").fill(text);
    await page.getByLabel("Search this room").press("Enter");
  }

  it("shows the matches as they arrive, newest first, then how many matched; Close hides them", async () => {
    await post(Array.from({ length: MATCHES }, (_, index) => `pancake recipe ${index}`).concat(["waffles", "tea"]));
    const grace = await chat.enter("Grace");
    await recordResults(grace);
    await search(grace, "Pancake");

    const status = grace.locator(".search-status");
    await expect.poll(() => status.textContent()).toBe(`${MATCHES} messages match “Pancake” in #general`);
    const texts = await grace.locator(".search-text").allTextContents();
    expect(texts).toEqual(Array.from({ length: MATCHES }, (_, index) => `pancake recipe ${MATCHES - 1 - index}`));
    // The list grew in steps while the stream was open, never all at once at the end.
    const counts = await resultCounts(grace);
    expect(counts.at(-1)).toBe(MATCHES);
    expect(counts.filter((count) => count > 0 && count < MATCHES).length).toBeGreaterThan(1);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    await chat.screenshot(grace, "search-desktop");

    await grace.getByRole("button", { name: "Close the search" }).click();
    await expect.poll(() => grace.locator(".search-panel").isHidden()).toBe(true);
    await search(grace, "no such thing");
    await expect.poll(() => status.textContent()).toBe("0 messages match “no such thing” in #general");
  });

  it("works at phone width without widening the page", async () => {
    const linus = await chat.enter("Linus", { viewport: PHONE });
    await search(linus, "waffles");
    await expect
      .poll(() => linus.locator(".search-status").textContent())
      .toBe("1 message matches “waffles” in #general");
    expect(await linus.locator(".search-author").allTextContents()).toEqual(["Poster"]);
    const overflow = await linus.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await chat.screenshot(linus, "search-phone");
  });
});
