import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  alive,
  descendants,
  installApp,
  type PackedApp,
  packPackages,
  repoRoot,
  writeFiles,
} from "../support/packed-app.js";

// The CLI as a user gets it: the packages packed by npm, installed from the tarballs into a fresh
// app outside the repository, run through node_modules/.bin.

const CONTRACT = `import { defineContract } from "@socket-contract/contract";
import { z } from "zod";

export const contract = defineContract({
  name: "shop",
  version: "1.0.0",
  namespaces: { "/shop": { clientToServer: { pay: { args: [z.object({ cents: z.number().int() })], ack: z.string() } } } },
});
`;

const TSCONFIG = {
  compilerOptions: { module: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false },
  include: ["src"],
};

let app: PackedApp;

beforeAll(async () => {
  app = await installApp(await packPackages(), ["zod", "socket.io", "socket.io-client", "typescript"]);
  writeFiles(app.dir, { "src/contract.ts": CONTRACT, "tsconfig.json": JSON.stringify(TSCONFIG) });
  // npm unpacks src after dist; make it unmistakably newer, as on the machines that reported it.
  const future = new Date(Date.now() + 3_600_000);
  const touch = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) touch(path);
      else utimesSync(path, future, future);
    }
  };
  touch(join(app.dir, "node_modules/@socket-contract/codegen/src"));
}, 900_000);

afterAll(() => app?.remove());

describe("the installed socket-contract CLI", () => {
  it("--version prints the package's version and --help lists every command", { timeout: 60_000 }, async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, "packages/codegen/package.json"), "utf8")) as {
      version: string;
    };
    expect((await app.bin("socket-contract", ["--version"])).stdout).toBe(`${version}\n`);
    const help = (await app.bin("socket-contract", ["--help"])).stdout;
    for (const command of ["generate", "asyncapi", "docs", "diff"])
      expect(help).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("generates into a folder two below the contract, and the app compiles under module nodenext", {
    timeout: 180_000,
  }, async () => {
    const result = await app.bin("socket-contract", ["generate", "src/contract.ts", "--out", "src/gen/socket"]);
    expect(result.stdout).toMatch(/^generated \d+ files in src\/gen\/socket/);
    writeFiles(app.dir, {
      "src/server.ts": `import { Server } from "socket.io";\nimport { bindContractServer } from "./gen/socket/server.js";\nexport const server = bindContractServer(new Server());\n`,
    });
    await app.bin("tsc", ["-p", "tsconfig.json"]);
    expect(statSync(join(app.dir, "src/gen/socket/shop/client.ts")).isFile()).toBe(true);
  });

  it("the generated wrappers and the runtimes' declarations compile under a strict team's settings", {
    timeout: 180_000,
  }, async () => {
    // exactOptionalPropertyTypes with skipLibCheck off reads the published .d.ts files as the
    // team's own code: an optional `ack` narrowed by a conditional type once failed there (TS2344).
    await app.bin("socket-contract", ["generate", "src/contract.ts", "--out", "src/strict"]);
    writeFiles(app.dir, {
      "src/strict-app.ts": [
        `import { Server } from "socket.io";`,
        `import { io } from "socket.io-client";`,
        `import { bindServer } from "@socket-contract/server";`,
        `import { contract } from "./contract.js";`,
        `import { implement } from "./strict/shop/server.js";`,
        `import { bindContractServer } from "./strict/server.js";`,
        `import { bindShopClient } from "./strict/shop/client.js";`,
        `export const shop = implement(bindContractServer(new Server()), { pay: (_socket, { cents }) => String(cents) });`,
        `export const pay = (cents: number): Promise<string> => bindShopClient(io("/shop")).pay({ cents });`,
        `export const server = bindServer(contract, new Server());`,
        "",
      ].join("\n"),
      "tsconfig.strict.json": JSON.stringify({
        compilerOptions: {
          ...TSCONFIG.compilerOptions,
          noEmit: false,
          outDir: "strict-dist",
          rootDir: "src",
          declaration: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
        },
        files: ["src/strict-app.ts"],
      }),
    });
    await app.bin("tsc", ["-p", "tsconfig.strict.json"]);
    expect(statSync(join(app.dir, "strict-dist/strict-app.d.ts")).isFile()).toBe(true);
  });

  it("runs its dist in its own process even when src is newer, and SIGTERM ends it and everything it started", {
    timeout: 180_000,
  }, async () => {
    const child = spawn(
      join(app.dir, "node_modules/.bin/socket-contract"),
      ["generate", "src/contract.ts", "--out", "src/watched", "--watch"],
      { cwd: app.dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 150_000;
    while (!output.includes("[watch] watching") && Date.now() < deadline && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output).toContain("[watch] watching");

    const started = descendants(child.pid!);
    // A second CLI process (through tsx or from src) is what must not run; esbuild's service, which loads the
    // TypeScript contract in-process (started on Node 24), may, and must end with the CLI (checked below).
    const commands = started.map((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "));
    expect(commands.filter((command) => /\btsx\b|bin\/socket-contract|src\/cli\/run\.ts/.test(command))).toEqual([]);

    child.kill("SIGTERM");
    const timeout = new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 10_000));
    expect(await Promise.race([exited, timeout])).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(started.filter(alive)).toEqual([]);
  });
});
