import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onCleanup, sleep } from "../../support/util.js";

const DOC = fileURLToPath(new URL("../../../docs/scaling-out.md", import.meta.url));
const NGINX = process.env.NGINX_BIN ?? "nginx";

/** Whether an nginx binary runs here. Under REQUIRE_NGINX=1 (CI) a missing one fails the run. */
export function nginxAvailable(): boolean {
  const probe = spawnSync(NGINX, ["-v"], { encoding: "utf8" });
  if (probe.status === 0) return true;
  if (process.env.REQUIRE_NGINX === "1") throw new Error(`REQUIRE_NGINX=1 but "${NGINX} -v" does not run`);
  console.warn(`[notice] nginx is not installed (apt-get install -y nginx): skipping the load balancer tests.`);
  return false;
}

/**
 * The nginx configuration of docs/scaling-out.md, exactly as documented: the one ```nginx block
 * there (an `upstream` and a `server`, for nginx's `http` context). The tests run this text, so
 * the documentation cannot drift from what is tested.
 */
export function documentedConfig(): string {
  const blocks = [...readFileSync(DOC, "utf8").matchAll(/```nginx\n([\s\S]*?)```/g)];
  if (blocks.length !== 1)
    throw new Error(`docs/scaling-out.md should hold exactly one nginx block, found ${blocks.length}`);
  return blocks[0]![1]!;
}

/**
 * The documented configuration with the test's addresses put in: `listen 80;` becomes the
 * balancer's free loopback port, and the upstream's `server` lines become the nodes' ports, in
 * order. Fails if the documented text no longer has those lines, so nothing else is rewritten.
 * `withoutLines` drops lines containing any of the given strings (a negative control).
 */
export function configFor(port: number, nodePorts: readonly number[], withoutLines: readonly string[] = []): string {
  const documented = documentedConfig();
  const servers = [...documented.matchAll(/^(\s*)server 127\.0\.0\.1:\d+;$/gm)];
  if (servers.length !== nodePorts.length)
    throw new Error(`the documented upstream lists ${servers.length} servers, the test runs ${nodePorts.length}`);
  if (!/^\s*listen 80;$/m.test(documented)) throw new Error("the documented server block should `listen 80;`");
  let index = 0;
  return documented
    .replace(
      /^(\s*)server 127\.0\.0\.1:\d+;$/gm,
      (_, indent: string) => `${indent}server 127.0.0.1:${nodePorts[index++]};`,
    )
    .replace(/^(\s*)listen 80;$/m, (_, indent: string) => `${indent}listen 127.0.0.1:${port};`)
    .split("\n")
    .filter((line) => !withoutLines.some((text) => line.includes(text)))
    .join("\n");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Balancer {
  readonly url: string;
  readonly port: number;
  /** nginx's error log so far (upstream failures show here). */
  errorLog(): string;
}

/**
 * Runs nginx in front of the given node ports with the documented configuration, on a free
 * loopback port, in a directory of its own (configuration, pid, logs, temp files), as one process
 * (`master_process off`) that the test stops by its PID after the test.
 *
 * @example
 * const balancer = await startNginx([nodeA.port, nodeB.port]);
 * io(`${balancer.url}/chat`);
 */
export async function startNginx(
  nodePorts: readonly number[],
  options: { withoutLines?: readonly string[] } = {},
): Promise<Balancer> {
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), "socket-contract-nginx-"));
  for (const directory of ["logs", "temp"]) mkdirSync(join(prefix, directory));
  const config = [
    "daemon off;",
    "master_process off;",
    "pid logs/nginx.pid;",
    "error_log logs/error.log warn;",
    "events { worker_connections 1024; }",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path temp/${kind};`),
    configFor(port, nodePorts, options.withoutLines),
    "}",
    "",
  ].join("\n");
  writeFileSync(join(prefix, "nginx.conf"), config);
  const child: ChildProcess = spawn(NGINX, ["-p", `${prefix}/`, "-c", "nginx.conf", "-e", "logs/error.log"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    rmSync(prefix, { recursive: true, force: true });
  });
  const errorLog = () => {
    try {
      return readFileSync(join(prefix, "logs/error.log"), "utf8");
    } catch {
      return "";
    }
  };
  // Ready once it accepts connections on its port; bounded.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited (${child.exitCode}):\n${output}\n${errorLog()}\n${config}`);
    if (await accepts(port)) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} in time:\n${output}\n${errorLog()}`);
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, port, errorLog };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
