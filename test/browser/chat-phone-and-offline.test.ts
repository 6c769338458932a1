import { bindChatClient } from "@chat-example/contract/client";
import type { Page } from "playwright-core";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/chromium.js";
import { chatSession, DESKTOP, PHONE } from "./support/chat-session.js";

// The chat on a phone (rooms and people in drawers) and through a lost connection.

/** How far the page scrolls sideways: a phone layout must not. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Chromium reports every failed reconnection attempt as a console error: expected while the server is down. */
const isReconnectNoise = (problem: string) => /WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/.test(problem);

describe.runIf(chromiumAvailable())("chat on a phone and offline, in Chromium", { timeout: 90_000 }, () => {
  const chat = chatSession();

  it("reaches the rooms and the people through drawers on a phone, 360 pixels wide and up", async () => {
    const grace = await chat.enter("Grace");
    const ada = await chat.enter("Ada", { viewport: PHONE });
    await chat.send(grace, "Morning! The notes are at https://example.com/notes");
    await ada.locator(".message-text", { hasText: "Morning!" }).waitFor();
    expect(await sidewaysOverflow(ada)).toBe(0);
    expect(await ada.locator(".sidebar").isVisible()).toBe(false);
    expect(await ada.locator(".people").isVisible()).toBe(false);
    await chat.screenshot(ada, "chat-phone");

    // Rooms: the menu button opens them; joining a new room from there opens it and closes the drawer.
    await ada.getByRole("button", { name: "Rooms", exact: true }).click();
    await ada.getByLabel("Room name").waitFor();
    expect(await ada.getByRole("button", { name: "Rooms", exact: true }).getAttribute("aria-expanded")).toBe("true");
    await chat.screenshot(ada, "phone-rooms-drawer");
    await ada.getByLabel("Room name").fill("phone-club");
    await ada.getByLabel("Room name").press("Enter");
    await expect.poll(() => ada.locator(".room-title").textContent()).toBe("# phone-club");
    await expect.poll(() => ada.locator(".sidebar").isVisible()).toBe(false);

    // Back to general from the drawer, by tapping the room.
    await ada.getByRole("button", { name: "Rooms", exact: true }).click();
    await ada.locator('.room-button[data-room="general"]').click();
    await expect.poll(() => ada.locator(".room-title").textContent()).toBe("# general");
    await expect.poll(() => ada.locator(".sidebar").isVisible()).toBe(false);

    // People: the header button shows how many, opens the list; the dimmed page or Escape close it.
    const people = ada.getByRole("button", { name: "People in this room: 2" });
    expect(await people.textContent()).toBe("2");
    await people.click();
    await expect.poll(() => ada.locator(".people .member-name").allTextContents()).toEqual(["Ada (you)", "Grace"]);
    expect(await ada.locator(".people").isVisible()).toBe(true);
    await chat.screenshot(ada, "phone-people-drawer");
    await ada.keyboard.press("Escape");
    await expect.poll(() => ada.locator(".people").isVisible()).toBe(false);
    await people.click();
    await ada.locator(".scrim").click({ position: { x: 20, y: 300 } });
    await expect.poll(() => ada.locator(".people").isVisible()).toBe(false);

    // The narrowest phone: nothing scrolls sideways and every header control is on screen.
    await ada.setViewportSize({ width: 360, height: 640 });
    expect(await sidewaysOverflow(ada)).toBe(0);
    for (const control of [
      ada.getByRole("button", { name: "Rooms", exact: true }),
      people,
      ada.getByRole("button", { name: "Leave" }),
      ada.getByRole("button", { name: "Send" }),
    ]) {
      const box = await control.boundingBox();
      expect(box !== null && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    }

    // A tablet: rooms beside the conversation, people still a drawer.
    await ada.setViewportSize({ width: 800, height: 900 });
    expect(await ada.locator(".sidebar").isVisible()).toBe(true);
    expect(await ada.getByRole("button", { name: "Rooms", exact: true }).isVisible()).toBe(false);
    expect(await people.isVisible()).toBe(true);
  });

  it("says the chat is offline, sends nothing while it is, keeps the text, and carries on once back", async () => {
    const server = await chat.startApp();
    const ada = await chat.enter("Ada", { url: server.url });
    const grace = await chat.enter("Grace", { url: server.url, viewport: PHONE });
    const box = ada.getByLabel("Message", { exact: true });
    await server.close();

    const banner = ada.locator(".connection-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toBe("You are offline — reconnecting…");
    expect(await ada.locator(".status").textContent()).toBe("Offline");
    expect(await ada.getByRole("button", { name: "Send" }).isDisabled()).toBe(true);
    await box.fill("Are you still there?");
    await box.press("Enter");
    const toast = ada.locator(".toast-error", { hasText: "You are offline" });
    await toast.waitFor();
    expect(await toast.locator(".toast-detail").textContent()).toBe(
      "Not sent: your message stays in the box. Send it once the chat is back.",
    );
    expect(await box.inputValue()).toBe("Are you still there?");
    await chat.screenshot(ada, "offline-desktop");
    await grace.locator(".connection-banner").waitFor();
    await chat.screenshot(grace, "offline-phone");

    // The same address again: the page reconnects by itself, joins its room again, and sends.
    const back = await chat.startApp({ port: server.port });
    await banner.waitFor({ state: "hidden", timeout: 20_000 });
    expect(await ada.locator(".status").textContent()).toBe("Online");
    await expect.poll(() => ada.getByRole("button", { name: "Send" }).isEnabled()).toBe(true);
    await box.press("Enter");
    await grace.locator(".message-text", { hasText: "Are you still there?" }).waitFor({ timeout: 20_000 });
    await expect.poll(() => box.inputValue()).toBe(""); // emptied once the server acknowledged it
    expect(await ada.locator(".toast", { hasText: "No answer" }).count()).toBe(0);
    expect(back.sockets.size).toBe(2);
    chat.browser.problems.splice(0, Infinity, ...chat.browser.problems.filter((problem) => !isReconnectNoise(problem)));
  });

  it("says so, with a way out, when someone else took the person's name while they were offline", async () => {
    const server = await chat.startApp();
    const ada = await chat.enter("Ada", { url: server.url });
    // The page's connection drops (it reconnects after about a second); another Ada is quicker.
    const [dropped] = server.sockets;
    dropped!.raw.conn.close();
    const other = bindChatClient(
      io(`${server.url}/chat`, { auth: { name: "Ada" }, forceNew: true, transports: ["websocket"] }),
    );
    other.onPing(() => ({ away: false }));
    await new Promise<void>((resolve, reject) => {
      other.socket.once("connect", resolve);
      other.socket.once("connect_error", reject);
    });
    const banner = ada.locator(".connection-banner", { hasText: "someone else took" });
    await banner.waitFor();
    expect(await banner.textContent()).toBe(
      "You are offline — while you were away, someone else took the name “Ada”.Reload",
    );
    await chat.screenshot(ada, "name-taken-on-reconnect");
    other.socket.disconnect();
    await ada.getByRole("button", { name: "Reload" }).click();
    await ada.getByLabel("Your display name").waitFor();
  });

  it("looks like a product at desktop width too, long names included", async () => {
    const grace = await chat.enter("Grace");
    const ada = await chat.enter("Ada Augusta King of Lovelace", { viewport: DESKTOP });
    await chat.send(grace, "Welcome back! Agenda: https://example.com/agenda");
    await chat.send(ada, "Thanks, reading it now.");
    await grace.locator(".message-text", { hasText: "reading it now" }).waitFor();
    await ada.locator(".message-text", { hasText: "reading it now" }).waitFor();
    // A long name is cut short in the People panel, never the "(you)" after it.
    const [you, panel] = await Promise.all([
      ada.locator(".people .member-you").boundingBox(),
      ada.locator(".people").boundingBox(),
    ]);
    expect(you!.x + you!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
    console.log(`[browser] ${await chat.screenshot(ada, "chat-desktop")}`);
  });
});
