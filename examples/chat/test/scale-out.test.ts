import { randomUUID } from "node:crypto";
import { NAME_TAKEN } from "@chat-example/contract";
import { connectErrorOf } from "@socket-contract/client";
import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import { connectAs, next, onCleanup, rawSocket, startApp } from "./support.js";

// The same chat on two instances behind one Redis, as REDIS_URL runs it: a person on one and a
// person on the other share rooms, presence, history and uploads.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  const probe = createClient({ url: REDIS_URL, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.quit();
    return true;
  } catch {
    if (process.env.REQUIRE_REDIS === "1") throw new Error(`REQUIRE_REDIS=1 but no Redis answers at ${REDIS_URL}`);
    console.warn(`[notice] Redis is not reachable at ${REDIS_URL}: skipping the chat's scale-out test.`);
    return false;
  }
}

/** Two instances sharing a Redis under a prefix of their own; their keys are deleted after the test. */
async function twoInstances(options: { roomCapacity?: number } = {}) {
  const redisPrefix = `chat-test-${randomUUID()}`;
  onCleanup(async () => {
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    const keys = await client.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await client.del(keys);
    await client.quit();
  });
  return Promise.all([
    startApp({ redisUrl: REDIS_URL, redisPrefix, ...options }),
    startApp({ redisUrl: REDIS_URL, redisPrefix, ...options }),
  ]);
}

describe.runIf(await redisAvailable())("chat on two instances behind one Redis", () => {
  it("shares rooms, presence, messages, history and uploads between instances", async () => {
    const [one, two] = await twoInstances();
    const ada = await connectAs(one.url, "Ada");
    const grace = await connectAs(two.url, "Grace");
    await ada.roomJoin("general");
    const joined = await grace.roomJoin("general");
    expect(joined.members.map((member) => member.name)).toEqual(["Ada", "Grace"]);

    const received = next((handler) => grace.onMessage(handler));
    const sent = await ada.messageSend({ room: "general", text: "across instances" });
    expect((await received)[0]).toEqual(sent);

    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    const upload = await ada.fileUpload({ room: "general", name: "tiny.png", type: "image/png", bytes });
    const served = await fetch(new URL(upload.attachment!.url, two.url));
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);

    const alan = await connectAs(two.url, "Alan");
    const { history } = await alan.roomJoin("general");
    expect(history.map((message) => message.id)).toEqual([sent.id, upload.id]);
    expect((await alan.roomList()).find((room) => room.name === "general")?.members).toBe(3);
  });

  it("counts a room's capacity over every instance", async () => {
    const [one, two] = await twoInstances({ roomCapacity: 1 });
    const ada = await connectAs(one.url, "Ada");
    await ada.roomJoin("general");
    const grace = await connectAs(two.url, "Grace");
    await expect(grace.roomJoin("general")).rejects.toMatchObject({
      code: "ROOM_FULL",
      data: { room: "general", capacity: 1 },
    });
  });

  it("refuses a name held on the other instance, and lets a dead holder there go", async () => {
    const [one, two] = await twoInstances();
    const ada = await connectAs(one.url, "Ada");
    const answering = ada.onPing(() => ({ away: false }));
    await expect(connectAs(two.url, "ada")).rejects.toMatchObject({
      data: { code: NAME_TAKEN, data: { name: "Ada" } },
    });
    answering();
    ada.onPing(() => new Promise<never>(() => {})); // alive but silent, as a connection that died unseen
    const again = await connectAs(two.url, "ada");
    expect(again.socket.connected).toBe(true);
    await expect.poll(() => ada.socket.connected).toBe(false);
  });

  it("admits one of two people who connect to two instances at the same instant with the same name", async () => {
    const [one, two] = await twoInstances();
    // Each instance's fetchSockets asks the other over Redis: without a claim, each finds no holder.
    const sockets = [rawSocket(one.url, "Ada"), rawSocket(two.url, "ADA")];
    for (const socket of sockets) socket.on("ping", (answer) => answer({ ok: true, data: { away: false } }));
    const outcomes = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<string>((resolve) => {
            socket.once("connect", () => resolve("connected"));
            socket.once("connect_error", (error) => resolve(connectErrorOf(error)?.code ?? error.message));
          }),
      ),
    );
    expect(outcomes.sort()).toEqual([NAME_TAKEN, "connected"]);
    expect(one.sockets.size + two.sockets.size).toBe(1);
  });
});
