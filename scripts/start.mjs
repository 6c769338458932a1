// `npm start`: builds what the chat example needs (the runtimes, the contract's generated wrappers,
// the server, the Vite bundle and the CLI; turbo skips whatever is already up to date), then runs
// the chat server on http://localhost:3000 (PORT to change it, REDIS_URL to share it between instances).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const turbo = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "turbo.cmd" : "turbo");
const packages = ["@chat-example/server", "@chat-example/web", "@chat-example/cli"];

console.log("Building the chat example (the first time takes a minute; later runs come from turbo's cache)…");
const build = spawnSync(
  turbo,
  ["run", "build", ...packages.map((name) => `--filter=${name}...`), "--output-logs=errors-only"],
  {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  },
);
if (build.error !== undefined) {
  console.error(`Could not run turbo (${build.error.message}). Run \`npm ci\` first.`);
  process.exit(1);
}
if (build.status !== 0) process.exit(build.status ?? 1);

await import(pathToFileURL(path.join(root, "examples", "chat", "server", "dist", "main.js")).href);
