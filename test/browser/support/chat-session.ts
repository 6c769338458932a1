import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ChatApp, type ChatAppOptions, startChatApp } from "@chat-example/server";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type Browser, launchChromium } from "./chromium.js";
import { buildWebPage } from "./web-build.js";

/** Where the browser tests write their screenshots (git-ignored); printed after each file. */
export const ARTIFACTS = fileURLToPath(new URL("../../../test-results/browser/", import.meta.url));

/** A phone held upright: the narrowest width the chat is laid out for is 360 pixels. */
export const PHONE = { width: 375, height: 720 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface ChatSession {
  readonly app: ChatApp;
  readonly staticDir: string;
  readonly browser: Browser;
  /** Opens the page at this size (desktop by default) and signs in as `name`; waits until `general` is open. */
  enter(name: string, options?: { url?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  /** Opens the page signed out, at this size. */
  open(url?: string, viewport?: { width: number; height: number }): Promise<Page>;
  send(page: Page, text: string): Promise<void>;
  /** Another chat server on the same built page, closed after the file. */
  startApp(options?: ChatAppOptions): Promise<ChatApp>;
  screenshot(page: Page, name: string): Promise<string>;
}

/**
 * The chat's page built from source, its server on a free port and a Chromium, for one test file:
 * registers the hooks that start them, check each test left no page error, and stop them.
 *
 * @example
 * const chat = chatSession();
 * it("...", async () => { const ada = await chat.enter("Ada"); });
 */
export function chatSession(): ChatSession {
  const pages: Page[] = [];
  const apps: ChatApp[] = [];
  const session = {} as { -readonly [K in keyof ChatSession]: ChatSession[K] };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session.staticDir = await buildWebPage();
    session.app = await startChatApp({ port: 0, host: "127.0.0.1", staticDir: session.staticDir, awayCheckMs: 0 });
    session.browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
    // No uncaught exception, no console error (a CSP violation is one), whatever the test did.
    expect(session.browser.problems.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await session.browser?.close();
    await Promise.all([session.app, ...apps].map((app) => app?.close()));
    if (session.staticDir !== undefined) rmSync(session.staticDir, { recursive: true, force: true });
    console.log(`[browser] screenshots in ${ARTIFACTS}`);
  });

  session.open = async (url = session.app.url, viewport = DESKTOP) => {
    const page = await session.browser.newPage();
    pages.push(page);
    await page.setViewportSize(viewport);
    await page.goto(url);
    return page;
  };
  session.enter = async (name, { url, viewport } = {}) => {
    const page = await session.open(url, viewport);
    await page.getByLabel("Your display name").fill(name);
    await page.getByRole("button", { name: "Join the chat" }).click();
    await page.locator('.room-button.is-active[data-room="general"]').waitFor({ state: "attached" });
    return page;
  };
  session.send = async (page, text) => {
    await page.getByLabel("Message", { exact: true }).fill(text);
    await page.getByLabel("Message", { exact: true }).press("Enter");
  };
  session.startApp = async (options = {}) => {
    const app = await startChatApp({
      port: 0,
      host: "127.0.0.1",
      staticDir: session.staticDir,
      awayCheckMs: 0,
      ...options,
    });
    apps.push(app);
    return app;
  };
  session.screenshot = async (page, name) => {
    const file = path.join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file, animations: "disabled" });
    return file;
  };
  return session;
}
