import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium; never a browser downloaded by Playwright. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Whether Chromium is installed. Where it is not, the browser tests skip with a printed notice,
 * except under REQUIRE_BROWSER=1 (CI), where a missing Chromium fails the run.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.REQUIRE_BROWSER === "1")
    throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  console.warn(
    `[notice] no Chromium at ${CHROMIUM_PATH}: skipping the browser tests (apt-get install chromium to run them).`,
  );
  return false;
}

/** A headless Chromium with a fresh profile, and what each page printed or threw. */
export interface Browser {
  readonly context: BrowserContext;
  /** Uncaught exceptions and console errors, per page, for the tests to assert there were none. */
  readonly problems: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a throw-away profile directory.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "chat-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    reducedMotion: "reduce",
  });
  // Fail a step well before the test's own timeout, with Playwright's message saying which step.
  context.setDefaultTimeout(15_000);
  const problems: string[] = [];
  // The persistent context opens with one blank page; the tests open their own.
  await Promise.all(context.pages().map((page) => page.close()));
  return {
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
