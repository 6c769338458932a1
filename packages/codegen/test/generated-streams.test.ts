import { ContractError } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { client, connected, startServer } from "./support/sockets.js";
import { type FilesClient, bindFilesClient } from "./fixtures/streams/golden/files/client.js";
import { type FilesNamespace, type FilesSocket, implement } from "./fixtures/streams/golden/files/server.js";
import { bindContractServer } from "./fixtures/streams/golden/server.js";

// The generated stream wrappers of the streams golden, against a real Socket.IO server and client.

interface Setup {
  files: FilesNamespace;
  app: FilesClient;
  closed: string[];
  sockets: FilesSocket[];
}

async function setup(): Promise<Setup> {
  const { io, url } = await startServer();
  const closed: string[] = [];
  const sockets: FilesSocket[] = [];
  const files = implement(bindContractServer(io), {
    search: async function* (_socket, query, { limit }) {
      if (query === "*") throw new ContractError("TOO_BROAD", { data: { matches: 1_000 } });
      let total = 0;
      for (let line = 1; line <= Math.min(limit, 3); line++, total++) yield { path: `${query}.ts`, line };
      return { total };
    },
    tail: async function* (_socket, path) {
      try {
        for (let line = 0; ; line++) yield `${path}:${line}`;
      } finally {
        closed.push(path);
      }
    },
    translate: async function* (_socket, texts) {
      for await (const length of texts) yield length * 10;
    },
    upload: async (_socket, { name }, chunks) => {
      let bytes = 0;
      for await (const chunk of chunks) bytes += chunk instanceof Uint8Array ? chunk.byteLength : -1_000;
      return { bytes: name === "x" ? bytes : -1 };
    },
    stat: (_socket, path) => ({ size: path.length }),
  });
  files.on("connection", (socket) => {
    sockets.push(socket);
  });
  const app = bindFilesClient(client(url, "/files"));
  await connected(app.socket);
  return { files, app, closed, sockets };
}

describe("generated stream wrappers over real sockets", () => {
  it("a client stream method yields the generator's items in order, then the ack", async () => {
    const { app } = await setup();
    const hits = app.search("main", {});
    const seen: unknown[] = [];
    for await (const hit of hits) seen.push(hit);
    expect(seen).toEqual([
      { path: "main.ts", line: 1 },
      { path: "main.ts", line: 2 },
      { path: "main.ts", line: 3 },
    ]);
    await expect(hits.ack).resolves.toEqual({ total: 3 });
  });

  it("a custom error thrown by the generator ends the stream with its code and data", async () => {
    const { app } = await setup();
    const hits = app.search("*", { limit: 5 });
    await expect(hits.ack).rejects.toMatchObject({ code: "TOO_BROAD", data: { matches: 1_000 } });
  });

  it("break cancels the stream and the handler's finally runs", async () => {
    const { app, closed } = await setup();
    const lines: string[] = [];
    for await (const line of app.tail("log", { window: 2 })) {
      lines.push(line);
      if (lines.length === 3) break;
    }
    expect(lines).toEqual(["log:0", "log:1", "log:2"]);
    await expect.poll(() => closed, { timeout: 5_000 }).toEqual(["log"]);
  });

  it("an upload through streamOf() reaches the handler as parsed items, and its ack comes back", async () => {
    const { app } = await setup();
    const chunks = [new Uint8Array(3), new Uint8Array(4).buffer, new Uint8Array(5)];
    await expect(app.upload({ name: "x" }, chunks).ack).resolves.toEqual({ bytes: 12 });
  });

  it("items going both ways are parsed on arrival (the upload item's transform runs on the server)", async () => {
    const { app } = await setup();
    const lengths: number[] = [];
    for await (const value of app.translate(["a", "bcd"])) lengths.push(value);
    expect(lengths).toEqual([10, 30]);
  });

  it("a server-to-client stream is answered by the client's generated on<Event> generator", async () => {
    const { app, sockets } = await setup();
    app.onCollect(function* (count) {
      for (let index = 0; index < count; index++) yield { url: `https://example.com/${index}` };
      return count;
    });
    await expect.poll(() => sockets.length, { timeout: 5_000 }).toBe(1);
    const tabs = sockets[0]!.stream("collect", 2);
    const urls: string[] = [];
    for await (const { url } of tabs) urls.push(url);
    expect(urls).toEqual(["https://example.com/0", "https://example.com/1"]);
    await expect(tabs.ack).resolves.toBe(2);
  });

  it("the server's upload to a client reaches the client's generated on<Event> handler as an AsyncIterable", async () => {
    const { app, sockets } = await setup();
    app.onSend(async (texts) => {
      const all: string[] = [];
      for await (const text of texts) all.push(text);
      return all.join(",") === "a,b";
    });
    await expect.poll(() => sockets.length, { timeout: 5_000 }).toBe(1);
    await expect(sockets[0]!.stream("send", ["a", "b"]).ack).resolves.toBe(true);
  });

  it("timeout(ms) on the generated client sets a stream request's deadline, as it does an emit's", async () => {
    // A server that never answers a stream's open (no socket-contract on it); the client's own
    // ackTimeout is longer than the test may run.
    const { io, url } = await startServer();
    io.of("/files");
    const app = bindFilesClient(client(url, "/files"), { ackTimeout: 60_000 });
    await connected(app.socket);
    const lines = app.timeout(50).tail("app.log");
    await expect(lines.ack).rejects.toMatchObject({ code: "TIMEOUT", event: "tail" });
  });

  it("a plain event beside streams still travels by emit", async () => {
    const { app } = await setup();
    await expect(app.stat("abc")).resolves.toEqual({ size: 3 });
  });
});
