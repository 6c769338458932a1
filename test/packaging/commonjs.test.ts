import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installApp, type PackedApp, packPackages, sh, writeFiles } from "../support/packed-app.js";

// A CommonJS app (no "type": "module") with the packed packages installed from their tarballs.
// The packages are ESM; require() reaches them through Node's require(esm).

const SERVER = `import { bindServer } from "@socket-contract/server";
import { defineContract } from "@socket-contract/contract";
import { Server } from "socket.io";
import { z } from "zod";

export const contract = defineContract({ name: "cjs", version: "1.0.0", namespaces: { "/cjs": { clientToServer: { add: { args: [z.number(), z.number()], ack: z.number() } } } } });
const io = new Server();
const server = bindServer(contract, io);
server.of("/cjs").on("connection", (socket) => {
  socket.on("add", (a, b) => a + b);
});
console.log(typeof bindServer);
`;

// socket.io-client ships separate CommonJS and ESM declarations whose Socket classes TypeScript
// keeps apart; the client's declarations name the ESM one, which a CommonJS file reaches under
// nodenext/node20 only through its own CommonJS copy. See the README's Install section.
const CLIENT = `import { bindClient } from "@socket-contract/client";
import { io } from "socket.io-client";
import { contract } from "./server-side.js";

const client = bindClient(contract, "/cjs", io("http://127.0.0.1:9/cjs", { autoConnect: false }));
export const add = (a: number, b: number): Promise<number> => client.emit("add", a, b);
console.log(typeof bindClient);
`;

// A contract as a CommonJS project writes it: import syntax in .ts files, a sibling imported without
// an extension. The CLI loads it as it stands, with no build first.
const SCHEMAS = `import { z } from "zod";

export const Sum = z.number().int();
`;

const CONTRACT = `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";
import { Sum } from "./schemas";

export const contract = defineContract({ name: "cjs", version: "1.0.0", namespaces: { "/cjs": { clientToServer: { add: { args: [z.number(), z.number()], ack: Sum } } } } });
`;

let app: PackedApp;

beforeAll(async () => {
  app = await installApp(
    await packPackages(),
    ["zod", "socket.io", "socket.io-client", "typescript@~5.9", "@types/node@22"],
    {},
  );
  writeFiles(app.dir, {
    "require.cjs": `const { bindClient, ContractError } = require("@socket-contract/client");
const { bindServer } = require("@socket-contract/server");
const { defineContract } = require("@socket-contract/contract");
const { z } = require("zod");
const contract = defineContract({ name: "cjs", version: "1.0.0", namespaces: { "/cjs": { clientToServer: { hi: { args: [z.string()] } } } } });
console.log(JSON.stringify([typeof bindClient, typeof bindServer, new ContractError("TIMEOUT").code, contract.name]));
`,
    "src/server-side.ts": SERVER,
    "src/contract.ts": CONTRACT,
    "src/schemas.ts": SCHEMAS,
    "src/client-side.ts": CLIENT,
  });
}, 900_000);

afterAll(() => app?.remove());

describe("CommonJS users", () => {
  it("require() every package from a .cjs file", { timeout: 60_000 }, async () => {
    const { stdout, stderr } = await sh(process.execPath, ["require.cjs"], { cwd: app.dir });
    expect(JSON.parse(stdout)).toEqual(["function", "function", "TIMEOUT", "cjs"]);
    expect(stderr).toBe("");
  });

  it("the installed CLI generates from a .ts contract of a CommonJS project", { timeout: 120_000 }, async () => {
    const { stdout } = await app.bin("socket-contract", ["generate", "src/contract.ts", "--out", "src/generated"]);
    expect(stdout).toMatch(/^generated \d+ files in src\/generated/);
    expect(readFileSync(join(app.dir, "src/generated/cjs/client.ts"), "utf8")).toContain(
      "add(arg0: AddArg0, arg1: AddArg1): Promise<AddAck>",
    );
  });

  // The generated client named socket.io-client's Socket through its own import, the CommonJS
  // declarations in such a project, while the runtime it wraps is typed by the ESM ones (TS2322).
  it.each(["nodenext", "node20", "commonjs"])(
    "the generated wrappers of a CommonJS project compile with module %s",
    { timeout: 180_000 },
    async (module) => {
      await app.bin("socket-contract", ["generate", "src/contract.ts", "--out", "src/wrappers"]);
      writeFiles(app.dir, {
        [`tsconfig.wrappers-${module}.json`]: JSON.stringify({
          compilerOptions: {
            module,
            target: "es2022",
            strict: true,
            skipLibCheck: false,
            types: ["node"],
            esModuleInterop: true,
            noEmit: true,
          },
          include: ["src/wrappers"],
        }),
      });
      await sh(join(app.dir, "node_modules/.bin/tsc"), ["-p", `tsconfig.wrappers-${module}.json`], { cwd: app.dir });
    },
  );

  // The module settings the README names, each compiled and, where it emits require(), run.
  it.each([
    ["nodenext", ["server-side"], {}],
    ["node20", ["server-side"], {}],
    ["commonjs", ["server-side", "client-side"], {}],
    ["preserve", ["server-side", "client-side"], { moduleResolution: "bundler", noEmit: true }],
  ])(
    "a TypeScript CommonJS project compiles with module %s, and its output runs",
    { timeout: 180_000 },
    async (module, files, extra) => {
      const outDir = join(app.dir, `out-${module}`);
      writeFiles(app.dir, {
        [`tsconfig.${module}.json`]: JSON.stringify({
          compilerOptions: {
            module,
            target: "es2022",
            strict: true,
            skipLibCheck: false,
            types: ["node"],
            esModuleInterop: true,
            outDir,
            ...extra,
          },
          files: files.map((file) => `src/${file}.ts`),
        }),
      });
      await sh(join(app.dir, "node_modules/.bin/tsc"), ["-p", `tsconfig.${module}.json`], { cwd: app.dir });
      if (!("noEmit" in extra)) {
        for (const file of files) {
          const { stdout } = await sh(process.execPath, [join(outDir, `${file}.js`)], { cwd: app.dir });
          expect(stdout).toBe("function\n".repeat(file === "client-side" ? 2 : 1));
        }
      }
      rmSync(outDir, { recursive: true, force: true });
    },
  );
});
