import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chatSession, PHONE } from "./support/chat-session.js";
import { chromiumAvailable } from "./support/chromium.js";

// A drawer open on a phone is modal, as a keyboard or a screen reader finds it: focus goes in, Tab
// and Shift+Tab stay in, Escape gives focus back to the button that opened it, and the page behind
// can be neither tabbed to nor read.

/** Where focus is: the drawer it is in (if any), and the control's accessible label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return {
      panel: active?.closest(".sidebar, .people")?.id ?? "outside",
      label: active?.getAttribute("aria-label") ?? active?.textContent?.trim() ?? "",
    };
  });

/** The roles and names Chromium's accessibility tree gives a screen reader (ignored nodes left out). */
async function spoken(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  await cdp.detach();
  return nodes
    .filter((node) => !node.ignored && node.name?.value)
    .map((node) => `${node.role?.value} "${node.name?.value}"`);
}

/** How many Tab stops the open drawer has (visible, not disabled, not taken out with tabindex -1). */
const stopsIn = (page: Page, panel: string) =>
  page.evaluate(
    (id) =>
      Array.from(
        document.getElementById(id)!.querySelectorAll<HTMLElement>("button, input, a[href], textarea, [tabindex]"),
      )
        .filter((element) => element.tabIndex >= 0 && !element.matches(":disabled"))
        .filter((element) => element.getClientRects().length > 0).length,
    panel,
  );

describe.runIf(chromiumAvailable())("chat drawers on a phone trap focus, in Chromium", { timeout: 90_000 }, () => {
  const chat = chatSession();

  for (const drawer of [
    { panel: "rooms-panel", opener: { name: "Rooms", exact: true }, closer: "Close the rooms" },
    { panel: "people-panel", opener: { name: /^People in this room/ }, closer: "Close the people list" },
  ] as const)
    it(`keeps focus in the ${drawer.panel}, Tab after Tab, until Escape gives it back`, async () => {
      await chat.enter("Grace");
      const ada = await chat.enter("Ada", { viewport: PHONE });
      await chat.send(ada, `Hello from the phone, ${drawer.panel}`);
      await ada.locator(".message-text", { hasText: `Hello from the phone, ${drawer.panel}` }).waitFor();
      const opener = ada.getByRole("button", drawer.opener);
      const before = await spoken(ada);
      expect(before).toContain('textbox "Message"');
      expect(before).toContain('button "Leave"');

      // Opened from the keyboard: focus lands on the drawer's close button.
      await opener.focus();
      await ada.keyboard.press("Enter");
      await ada.locator(`#${drawer.panel}`).waitFor({ state: "visible" });
      expect(await focused(ada)).toEqual({ panel: drawer.panel, label: drawer.closer });
      await chat.screenshot(ada, `drawer-focus-${drawer.panel}`);

      // Behind it, everything is inert: no Tab stop, no focus even when asked, nothing read out.
      const behind = await ada.evaluate(() => ({
        conversation: document.querySelector<HTMLElement>(".conversation")!.inert,
        other: document.querySelector<HTMLElement>(
          document.querySelector(".layout")!.getAttribute("data-drawer") === "rooms" ? ".people" : ".sidebar",
        )!.inert,
        scrim: document.querySelector<HTMLElement>(".scrim")!.inert,
      }));
      expect(behind).toEqual({ conversation: true, other: true, scrim: false });
      await ada.evaluate(() => document.querySelector<HTMLElement>(".composer-input")!.focus());
      expect((await focused(ada)).panel).toBe(drawer.panel);
      const during = await spoken(ada);
      expect(during).not.toContain('textbox "Message"');
      expect(during).not.toContain('button "Leave"');
      expect(during).toContain(`button "${drawer.closer}"`);

      // Tab round the drawer twice and back again with Shift+Tab: always inside, and a full round
      // comes back to the close button it started on.
      const stops = await stopsIn(ada, drawer.panel);
      expect(stops).toBeGreaterThanOrEqual(drawer.panel === "rooms-panel" ? 3 : 1);
      const forward: string[] = [];
      for (let tab = 0; tab < stops * 2 + 1; tab++) {
        await ada.keyboard.press("Tab");
        const where = await focused(ada);
        expect(where.panel).toBe(drawer.panel);
        forward.push(where.label);
      }
      expect(forward[stops - 1]).toBe(drawer.closer);
      expect(forward[2 * stops - 1]).toBe(drawer.closer);
      const backward: string[] = [];
      for (let tab = 0; tab < stops * 2 + 1; tab++) {
        await ada.keyboard.press("Shift+Tab");
        const where = await focused(ada);
        expect(where.panel).toBe(drawer.panel);
        backward.push(where.label);
      }
      // Shift+Tab visits the same stops in the opposite order.
      expect(backward.slice(0, stops).reverse()).toEqual(forward.slice(0, stops));

      // Escape: closed, focus on the button that opened it, the page behind live again.
      await ada.keyboard.press("Escape");
      await ada.locator(`#${drawer.panel}`).waitFor({ state: "hidden" });
      expect(await opener.evaluate((button) => button === document.activeElement)).toBe(true);
      expect(await opener.getAttribute("aria-expanded")).toBe("false");
      expect(await ada.locator("[inert]").count()).toBe(0);
      const after = await spoken(ada);
      expect(after).toContain('textbox "Message"');
      expect(after).toContain('button "Leave"');
      await ada.keyboard.press("Tab");
      expect((await focused(ada)).panel).toBe("outside");
    });
});
