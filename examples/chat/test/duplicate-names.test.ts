import { NAME_TAKEN } from "@chat-example/contract";
import { connectErrorOf } from "@socket-contract/client";
import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { connectAs, rawSocket, startApp } from "./support.js";

// Two people could pick the same name and nobody could tell them apart: a taken name is refused.

const refusal = (socket: Socket) => new Promise<Error>((resolve) => socket.once("connect_error", resolve));

describe("display names are unique", () => {
  it("refuses a name someone connected holds, whatever its case, with NAME_TAKEN and the name as they spell it", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    ada.onPing(() => ({ away: false }));
    const error = connectErrorOf(await refusal(rawSocket(app.url, "  ADA ")));
    expect(error?.code).toBe(NAME_TAKEN);
    expect(error?.data).toEqual({ name: "Ada" });
    expect(error?.message).toBe('Someone here is already called "Ada".');
    expect(app.sockets.size).toBe(1);
  });

  it("gives the name back once its holder has left", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    ada.socket.disconnect();
    await expect.poll(() => app.sockets.size).toBe(0);
    const again = await connectAs(app.url, "Ada");
    expect(again.socket.connected).toBe(true);
  });

  it("lets a holder that no longer answers go, so a person coming back is not locked out by their own ghost", async () => {
    const app = await startApp();
    // A raw socket registers no `ping` handler: it never answers, like a connection that died unseen.
    const ghost = rawSocket(app.url, "Ada");
    await new Promise<void>((resolve) => ghost.once("connect", resolve));
    const letGo = new Promise<string>((resolve) => ghost.once("disconnect", resolve));
    const ada = await connectAs(app.url, "Ada");
    expect(ada.socket.connected).toBe(true);
    expect(await letGo).toBe("io server disconnect");
    expect([...app.sockets].map((socket) => socket.data.name)).toEqual(["Ada"]);
  });

  it("admits one of two people who connect at the same instant with the same name, and refuses the other with NAME_TAKEN", async () => {
    const app = await startApp();
    // A ghost holds the name: each newcomer's admission waits 2 s for its ping, so the two are
    // admitted side by side, and each alone would find the name free once the ghost is let go.
    const ghost = rawSocket(app.url, "Ada");
    await new Promise<void>((resolve) => ghost.once("connect", resolve));
    const sockets = [rawSocket(app.url, "Ada"), rawSocket(app.url, "ada")];
    // Both answer the server's ping, as a live page does: neither is a ghost to let go.
    for (const socket of sockets) socket.on("ping", (answer) => answer({ ok: true, data: { away: false } }));
    const outcomes = await Promise.all(sockets.map(outcome));
    expect(outcomes.sort()).toEqual(["NAME_TAKEN", "connected"]);
    expect(ghost.connected).toBe(false);
    expect([...app.sockets].map((socket) => socket.data.name.toLowerCase())).toEqual(["ada"]);
  });
});

/** How a socket's connection attempt ended: `connected`, or the refusal's code. */
function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once("connect", () => resolve("connected"));
    socket.once("connect_error", (error) => resolve(connectErrorOf(error)?.code ?? error.message));
  });
}
