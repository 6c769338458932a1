import { MAX_UPLOAD_BYTES, type PresencePayload } from "@chat-example/contract";
import { connectErrorOf } from "@socket-contract/client";
import { describe, expect, it } from "vitest";
import { connectAs, next, rawSocket, startApp } from "./support.js";

// The chat server as any client sees it: the contract's answers, the refusals, what it serves.

describe("chat server", () => {
  it("answers a join with the room's history, oldest first and capped at 50", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await ada.roomJoin("general");
    for (let index = 1; index <= 55; index += 1) await ada.messageSend({ room: "general", text: `message ${index}` });
    const grace = await connectAs(app.url, "Grace");
    const { history, members } = await grace.roomJoin("general");
    expect(history.map((message) => message.text)).toEqual(
      Array.from({ length: 50 }, (_, index) => `message ${index + 6}`),
    );
    expect(history[0]!.author.name).toBe("Ada");
    expect(members.map((member) => member.name)).toEqual(["Ada", "Grace"]);
  });

  it("refuses an upload over the contract's limit sent by a client that skips its own check, and stays up", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await ada.roomJoin("general");
    const raw = ada.socket;
    const answer = await raw.timeout(5_000).emitWithAck("file:upload", {
      room: "general",
      name: "big.bin",
      type: "application/octet-stream",
      bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1),
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: "INVALID_PAYLOAD", issues: [{ path: [0, "bytes"], code: "too_big" }] },
    });
    const message = await ada.messageSend({ room: "general", text: "still here" });
    expect(message.text).toBe("still here");
  });

  it("answers NOT_IN_ROOM and ROOM_FULL with their typed data", async () => {
    const app = await startApp({ roomCapacity: 1 });
    const ada = await connectAs(app.url, "Ada");
    await expect(ada.messageSend({ room: "general", text: "hi" })).rejects.toMatchObject({
      code: "NOT_IN_ROOM",
      data: { room: "general" },
    });
    await ada.roomJoin("general");
    const grace = await connectAs(app.url, "Grace");
    await expect(grace.roomJoin("general")).rejects.toMatchObject({
      code: "ROOM_FULL",
      data: { room: "general", capacity: 1 },
    });
    // Joining a room one is already in is not refused, full or not.
    await expect(ada.roomJoin("general")).resolves.toMatchObject({ room: "general" });
  });

  it("refuses a connection without a display name", async () => {
    const app = await startApp();
    const socket = rawSocket(app.url, "   ");
    const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    expect(connectErrorOf(error)?.code).toBe("UNAUTHORIZED");
  });

  it("sends typing to the others in the room only, and presence when someone leaves", async () => {
    const app = await startApp();
    const [ada, grace, alan] = await Promise.all([
      connectAs(app.url, "Ada"),
      connectAs(app.url, "Grace"),
      connectAs(app.url, "Alan"),
    ]);
    await ada.roomJoin("general");
    await grace.roomJoin("general");
    let alanSawTyping = false;
    alan.onTyping(() => {
      alanSawTyping = true;
    });
    let adaSawOwnTyping = false;
    ada.onTyping(() => {
      adaSawOwnTyping = true;
    });
    const typing = next((handler) => grace.onTyping(handler));
    ada.typing("general", true);
    expect(await typing).toEqual(["general", { id: ada.socket.id, name: "Ada" }, true]);

    const presence = next<[PresencePayload]>((handler) => grace.onPresence(handler));
    ada.socket.disconnect();
    const [{ room, members }] = await presence;
    expect(room).toBe("general");
    expect(members.map((member) => member.name)).toEqual(["Grace"]);
    expect(alanSawTyping).toBe(false);
    expect(adaSawOwnTyping).toBe(false);
  });

  it("serves uploads: images inline, anything else as a download, unknown ones as 404", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    await ada.roomJoin("general");
    const page = new TextEncoder().encode("<script>alert(1)</script>");
    const message = await ada.fileUpload({ room: "general", name: "page.html", type: "text/html", bytes: page });
    expect(message.attachment).toMatchObject({ name: "page.html", type: "text/html", size: page.byteLength });
    const response = await fetch(new URL(message.attachment!.url, app.url));
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(page);
    expect((await fetch(new URL("/uploads/00000000-0000-0000-0000-000000000000/x.png", app.url))).status).toBe(404);
  });

  it("answers the server's ping through the client's handler", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    ada.onPing(() => ({ away: true }));
    const [socket] = app.sockets;
    expect(await socket!.timeout(2_000).emit("ping")).toEqual({ away: true });
  });
});
