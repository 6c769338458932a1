import { bindClient } from "@socket-contract/client";
import { binary, defineContract, streamOf } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer } from "../support/util.js";

// The README's "Streams" section, run as written (with an in-memory file system).
const contract = defineContract({
  name: "files",
  version: "1.0.0",
  namespaces: {
    "/files": {
      clientToServer: {
        search: { args: [z.string()], stream: z.object({ path: z.string() }), ack: z.object({ total: z.number() }) },
        upload: {
          args: [z.object({ name: z.string() }), streamOf(binary({ maxBytes: 65_536 }))],
          ack: z.object({ bytes: z.number() }),
        },
      },
    },
  },
});

it("runs the README's stream example: search rows with a break, and an upload of a File in 64 KiB pieces", async () => {
  const { io, url } = await startServer();
  const paths = Array.from({ length: 40 }, (_, i) => `src/file-${i}.ts`);
  const stored = new Map<string, number>();
  let walksClosed = 0;
  async function* walk(query: string) {
    const suffix = query.replace("*", "");
    for (const path of paths) if (path.endsWith(suffix)) yield path;
  }
  const append = async (name: string, chunk: Uint8Array) => {
    stored.set(name, (stored.get(name) ?? 0) + chunk.byteLength);
    return chunk.byteLength;
  };
  bindServer(contract, io, { onError: () => {} })
    .of("/files")
    .on("connection", (socket) => {
      socket.on("search", async function* (query) {
        let total = 0;
        try {
          for await (const path of walk(query)) {
            total++;
            yield { path };
          }
        } finally {
          walksClosed++;
        }
        return { total };
      });
      socket.on("upload", async ({ name }, chunks) => {
        let bytes = 0;
        for await (const chunk of chunks) bytes += await append(name, chunk);
        return { bytes };
      });
    });
  const raw = client(url, "/files");
  const files = bindClient(contract, "/files", raw);
  await connected(raw);

  const shown: string[] = [];
  const results = files.stream("search", "*.ts", { signal: AbortSignal.timeout(5_000) });
  for await (const { path } of results) {
    shown.push(path);
    if (shown.length === 10) break;
  }
  expect(shown).toEqual(paths.slice(0, 10));
  await expect(results.ack).rejects.toMatchObject({ name: "AbortError" });

  const all = files.stream("search", "*.ts");
  for await (const _ of all);
  await expect(all.ack).resolves.toEqual({ total: 40 });
  expect(walksClosed).toBe(2);

  async function* pieces(file: Blob, size = 65_536) {
    for (let at = 0; at < file.size; at += size) yield new Uint8Array(await file.slice(at, at + size).arrayBuffer());
  }
  const file = new File([new Uint8Array(200_000).fill(7)], "photo.jpg");
  const { bytes } = await files.stream("upload", { name: file.name }, pieces(file)).ack;
  expect(bytes).toBe(200_000);
  expect(stored.get("photo.jpg")).toBe(200_000);
});
