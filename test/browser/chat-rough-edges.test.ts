import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/chromium.js";
import { ARTIFACTS, chatSession, PHONE } from "./support/chat-session.js";

// What a new user ran into in the chat (issue 18), each checked the way a person would notice it.

/** Whether two elements' boxes on screen share any pixel. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [one, two] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (one === null || two === null) throw new Error("an element is not on screen");
  return (
    one.x < two.x + two.width && two.x < one.x + one.width && one.y < two.y + two.height && two.y < one.y + one.height
  );
}

const joinRoom = async (page: Page, typed: string) => {
  await page.getByLabel("Room name").fill(typed);
  await page.getByLabel("Room name").press("Enter");
};

describe.runIf(chromiumAvailable())("chat's rough edges in Chromium", { timeout: 60_000 }, () => {
  const chat = chatSession();

  it("shows an error toast beside the People panel, not over it, and above the message box on a phone", async () => {
    const ada = await chat.enter("Ada");
    await chat.enter("Grace");
    await chat.send(ada, "x".repeat(1_001));
    const toast = ada.locator(".toast-error", { hasText: "Message too long" });
    await toast.waitFor();
    await expect.poll(() => ada.locator(".member-name").allTextContents()).toEqual(["Ada (you)", "Grace"]);
    expect(await overlap(toast, ada.locator(".people"))).toBe(false);
    await chat.screenshot(ada, "toast-desktop");

    const phone = await chat.enter("Alan", { viewport: PHONE });
    await chat.send(phone, "y".repeat(1_001));
    const phoneToast = phone.locator(".toast-error", { hasText: "Message too long" });
    await phoneToast.waitFor();
    expect(await overlap(phoneToast, phone.locator(".composer"))).toBe(false);
    expect(await overlap(phoneToast, phone.locator(".room-header"))).toBe(false);
    await chat.screenshot(phone, "toast-phone");
  });

  it("says which room could not be joined and why, and keeps the typed name to correct it", async () => {
    const ada = await chat.enter("Ada");
    await joinRoom(ada, "Design Team!");
    const toast = ada.locator(".toast-error", { hasText: "Could not join" });
    await toast.waitFor();
    expect(await toast.locator(".toast-title").textContent()).toBe("Could not join #design team!");
    expect(await toast.locator(".toast-detail").textContent()).toBe(
      "A room name is 1 to 24 lower-case letters, digits or dashes.",
    );
    expect(await ada.locator(".toast", { hasText: "Not sent" }).count()).toBe(0);
    expect(await ada.getByLabel("Room name").inputValue()).toBe("Design Team!");
    await chat.screenshot(ada, "join-refused");

    await joinRoom(ada, "design-team");
    await ada.locator('.room-button.is-active[data-room="design-team"]').waitFor();
    expect(await ada.getByLabel("Room name").inputValue()).toBe("");
  });

  it("refuses a display name someone here already has, says so, and lets the person pick another", async () => {
    await chat.enter("Ada");
    const second = await chat.open();
    await second.getByLabel("Your display name").fill("ada");
    await second.getByRole("button", { name: "Join the chat" }).click();
    const error = second.locator(".login-error");
    await error.waitFor();
    expect(await error.textContent()).toBe("Someone here is already called “Ada”. Pick another name.");
    expect(await second.getByRole("button", { name: "Join the chat" }).isEnabled()).toBe(true);
    await chat.screenshot(second, "name-taken");

    await second.getByLabel("Your display name").fill("Ada Byron");
    await second.getByRole("button", { name: "Join the chat" }).click();
    await expect.poll(() => second.locator(".member-name").allTextContents()).toEqual(["Ada", "Ada Byron (you)"]);
  });

  it("makes web addresses in messages links that open in a new tab, and nothing else markup", async () => {
    const ada = await chat.enter("Ada");
    const grace = await chat.enter("Grace");
    const text =
      "Docs at https://example.com/guide?x=1&y=2. Also javascript:alert(1), <b>bold</b> and (see https://en.wikipedia.org/wiki/Chat_(disambiguation))";
    await chat.send(ada, text);
    const message = grace.locator(".message-text", { hasText: "Docs at" });
    await message.waitFor();
    expect(await message.textContent()).toBe(text);
    expect(await message.locator("b").count()).toBe(0);
    const links = await message
      .locator("a")
      .evaluateAll((anchors: HTMLAnchorElement[]) =>
        anchors.map((a) => ({ text: a.textContent, href: a.href, target: a.target, rel: a.rel })),
      );
    expect(links).toEqual([
      {
        text: "https://example.com/guide?x=1&y=2",
        href: "https://example.com/guide?x=1&y=2",
        target: "_blank",
        rel: "noopener noreferrer",
      },
      {
        text: "https://en.wikipedia.org/wiki/Chat_(disambiguation)",
        href: "https://en.wikipedia.org/wiki/Chat_(disambiguation)",
        target: "_blank",
        rel: "noopener noreferrer",
      },
    ]);
    expect(await ada.locator(".message-text a").count()).toBe(2);
    await chat.screenshot(grace, "links");
  });

  it("shows how many people are in a room as a muted count, and unread messages as a pill", async () => {
    const grace = await chat.enter("Grace");
    await joinRoom(grace, "random");
    await grace.locator('.room-button.is-active[data-room="random"]').waitFor();
    const ada = await chat.enter("Ada");
    const random = ada.locator('.room-button[data-room="random"]');
    expect(await random.locator(".room-count").textContent()).toBe("1 person");
    expect(await random.locator(".room-count").getAttribute("title")).toBe("1 person in #random");
    expect(await random.locator(".badge-unread").count()).toBe(0);

    await random.click();
    await ada.locator('.room-button[data-room="general"]').click();
    await chat.send(grace, "Anyone in random?");
    const unread = random.locator(".badge-unread");
    await unread.waitFor();
    expect(await unread.textContent()).toBe("1 unread");
    expect(await random.locator(".room-count").textContent()).toBe("2 people");
    expect(await random.getAttribute("aria-label")).toBeNull();
    // A count has no pill behind it; the unread number has one: the two never look alike.
    const background = (locator: Locator) => locator.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await background(random.locator(".room-count"))).toBe("rgba(0, 0, 0, 0)");
    expect(await background(unread)).not.toBe("rgba(0, 0, 0, 0)");
    await ada.locator(".sidebar").screenshot({ path: path.join(ARTIFACTS, "room-counts.png") });
  });
});
