import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { installApp, type PackedApp, packPackages, repoRoot, sh, writeFiles } from "../support/packed-app.js";

// The peer ranges claim the lowest versions below; this installs exactly those beside the packed
// packages and runs the generator, the compiler and a real server and client through them.
const peers = (folder: string): Record<string, string> =>
  (
    JSON.parse(readFileSync(join(repoRoot, "packages", folder, "package.json"), "utf8")) as {
      peerDependencies: Record<string, string>;
    }
  ).peerDependencies;
const lowest = (range: string): string => /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1] ?? "";
const LOWEST = {
  zod: lowest(peers("contract").zod!),
  "socket.io": lowest(peers("runtime-server")["socket.io"]!),
  "socket.io-client": lowest(peers("runtime-client")["socket.io-client"]!),
};

const CONTRACT = `import { binary, defineContract } from "@socket-contract/contract";
import { z } from "zod";

export const contract = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: {
    "/shop": {
      auth: z.object({ token: z.string() }),
      data: z.object({ user: z.string() }),
      clientToServer: {
        pay: { args: [z.object({ cents: z.number().int(), file: z.optional(binary()) })], ack: z.string(), errors: { NOPE: z.object({ why: z.string() }) } },
        typing: { args: [z.boolean()] },
      },
      serverToClient: { paid: { args: [z.string()] }, ping: { args: [], ack: z.literal("pong") } },
    },
  },
});
`;

const USE = `import { Server } from "socket.io";
import { io } from "socket.io-client";
import { bindServer, ContractError } from "@socket-contract/server";
import { bindClient } from "@socket-contract/client";
import { contract } from "./contract.js";
import { bindContractServer } from "./gen/server.js";
import { shop } from "./gen/index.js";

const server = bindServer(contract, new Server());
server.of("/shop").on("connection", (socket) => {
  socket.on("pay", async ({ cents }) => {
    if (cents < 0) throw new ContractError("NOPE", { data: { why: "negative" } });
    return String(cents);
  });
  socket.on("typing", (on: boolean) => void on);
});
const client = bindClient(contract, "/shop", io("http://127.0.0.1:9/shop", { autoConnect: false }));
export const pay = (cents: number): Promise<string> => client.emit("pay", { cents });
client.on("ping", () => "pong" as const);
export const generated = [bindContractServer, shop];
`;

let app: PackedApp;

beforeAll(async () => {
  expect(Object.values(LOWEST).every((version) => /^\d+\.\d+\.\d+$/.test(version))).toBe(true);
  app = await installApp(await packPackages(), [
    ...Object.entries(LOWEST).map(([name, version]) => `${name}@${version}`),
    "typescript@~5.9",
    "@types/node@22",
  ]);
  writeFiles(app.dir, {
    "src/contract.ts": CONTRACT,
    "src/use.ts": USE,
    "round-trip.mjs": readFileSync(join(repoRoot, "test/packaging/app/round-trip.mjs"), "utf8"),
    "tsconfig.json": JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        target: "es2022",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ["node"],
      },
      include: ["src"],
    }),
  });
}, 900_000);

afterAll(() => app?.remove());

it(`the lowest peers claimed (${Object.entries(LOWEST)
  .map(([name, version]) => `${name} ${version}`)
  .join(", ")}) install, generate, compile and run`, { timeout: 300_000 }, async () => {
  for (const [name, version] of Object.entries(LOWEST)) {
    expect(
      (JSON.parse(readFileSync(join(app.dir, "node_modules", name, "package.json"), "utf8")) as { version: string })
        .version,
    ).toBe(version);
  }
  await app.bin("socket-contract", ["generate", "src/contract.ts", "--out", "src/gen"]);
  await app.bin("tsc", ["-p", "tsconfig.json"]);
  const { stdout } = await sh(process.execPath, ["round-trip.mjs"], { cwd: app.dir, timeoutMs: 60_000 });
  expect(JSON.parse(stdout)).toEqual({
    refused: "UNAUTHORIZED",
    sum: 5,
    custom: ["TOO_BIG", { limit: 100 }],
    invalid: ["INVALID_PAYLOAD", [[0, "a"]]],
    bytes: 3,
    tooMany: "INVALID_PAYLOAD",
    ack: "pong",
    broadcast: ["pong"],
  });
});
