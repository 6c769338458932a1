import { describe, expect, it } from "vitest";
import { connectAs, startApp } from "./support.js";

describe("message:search", () => {
  it("streams the room's matching messages newest first, one item at a time, then the count", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    const grace = await connectAs(app.url, "Grace");
    await ada.roomJoin("general");
    await grace.roomJoin("general");
    for (const [who, text] of [
      [ada, "Lunch at noon?"],
      [grace, "hello"],
      [grace, "lunch sounds good"],
      [ada, "see you"],
    ] as const)
      await who.messageSend({ room: "general", text });
    await ada.roomJoin("random");
    await ada.messageSend({ room: "random", text: "lunch elsewhere" });

    // A window of 1: each match is a stream item of its own, sent when the last was read.
    const results = grace.messageSearch({ room: "general", text: " LUNCH " }, { window: 1 });
    const found: string[] = [];
    for await (const message of results) found.push(`${message.author.name}: ${message.text}`);
    expect(found).toEqual(["Grace: lunch sounds good", "Ada: Lunch at noon?"]);
    await expect(results.ack).resolves.toEqual({ count: 2 });

    const none = grace.messageSearch({ room: "general", text: "dinner" });
    const nothing: unknown[] = [];
    for await (const message of none) nothing.push(message);
    expect(nothing).toEqual([]);
    await expect(none.ack).resolves.toEqual({ count: 0 });
  });

  it("refuses a room the person has not joined with NOT_IN_ROOM, and empty text with INVALID_PAYLOAD", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await expect(ada.messageSearch({ room: "general", text: "x" }).ack).rejects.toMatchObject({
      code: "NOT_IN_ROOM",
      data: { room: "general" },
    });
    await ada.roomJoin("general");
    // Refused before anything is sent, and told through the stream, where the page's search reads failures.
    await expect(ada.messageSearch({ room: "general", text: "   " }).ack).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
  });

  it("stops when the reader breaks out, and the connection goes on serving", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await ada.roomJoin("general");
    for (let index = 0; index < 30; index++) await ada.messageSend({ room: "general", text: `note ${index}` });
    const first: string[] = [];
    for await (const message of ada.messageSearch({ room: "general", text: "note" }, { window: 1 })) {
      first.push(message.text);
      if (first.length === 3) break;
    }
    expect(first).toEqual(["note 29", "note 28", "note 27"]);
    const again = ada.messageSearch({ room: "general", text: "note 1" });
    const found: string[] = [];
    for await (const message of again) found.push(message.text);
    expect(found).toEqual([
      "note 19",
      "note 18",
      "note 17",
      "note 16",
      "note 15",
      "note 14",
      "note 13",
      "note 12",
      "note 11",
      "note 10",
      "note 1",
    ]);
    await expect(again.ack).resolves.toEqual({ count: 11 });
  });
});
