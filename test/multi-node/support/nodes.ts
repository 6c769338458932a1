import { type ChildProcess, fork } from "node:child_process";
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { setupPrimary as setupClusterPrimary } from "@socket.io/cluster-adapter";
import { createClient } from "redis";
import { REDIS_URL } from "../../support/redis.js";
import { onCleanup, sleep } from "../../support/util.js";
import type { AdapterKind } from "./adapters.js";
import { nodeServerBundle } from "./bundle.js";
import type { Command, Notice, Reply, ReplyError, ReportedError } from "./protocol.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const START_TIMEOUT = 20_000;
const REQUEST_TIMEOUT = 10_000;

export interface NodeOptions {
  readonly adapter: AdapterKind;
  readonly redisUrl?: string;
  /** The adapter's key, channel prefix or stream name; unique per test unless given. */
  readonly key?: string;
  readonly recovery?: boolean;
  /** The contract's release each node binds, by index (a rolling deploy): `clusterContract`'s own when not given. */
  readonly contracts?: readonly string[];
  /** How the cluster's IPC channel serializes (cluster adapter only). Binary needs "advanced". */
  readonly serialization?: "json" | "advanced";
}

/** A command failed on the node; `code` is the ContractError code when there is one. */
export class NodeCommandError extends Error {
  readonly code: string | undefined;
  readonly data: unknown;
  constructor(error: ReplyError) {
    super(error.message);
    this.code = error.code;
    this.data = error.data;
  }
}

/** One node process, seen from the test: its URL, what it reported, and commands to drive it. */
export class TestNode {
  readonly name: string;
  readonly process: ChildProcess;
  url = "";
  /** Every error the node's `onError` was told of, in order. */
  readonly errors: ReportedError[] = [];
  /** Every server-side event a handler of this node ran for. */
  readonly serverSide: { event: string; args: unknown[] }[] = [];
  /** Errors the node's Redis clients emitted. */
  readonly redisErrors: { client: string; message: string }[] = [];
  /** Promise rejections nobody handled in the node: each would have ended the process. */
  readonly unhandled: string[] = [];
  readonly output: string[] = [];
  readonly #send: (message: unknown) => void;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  #nextId = 1;
  #exit: Promise<number | null>;
  #exited = false;
  #ready: Promise<void>;

  constructor(name: string, child: ChildProcess, send: (message: unknown) => void) {
    this.name = name;
    this.process = child;
    this.#send = send;
    for (const stream of [child.stdout, child.stderr])
      stream?.on("data", (chunk: Buffer) => this.output.push(...chunk.toString().split("\n").filter(Boolean)));
    this.#exit = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        this.#exited = true;
        for (const { reject, timer } of this.#pending.values()) {
          clearTimeout(timer);
          reject(
            new Error(`${name} exited (${code ?? signal}) before answering\n${this.output.slice(-20).join("\n")}`),
          );
        }
        this.#pending.clear();
        resolve(code);
      }),
    );
    this.#ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start in time\n${this.output.join("\n")}`)),
        START_TIMEOUT,
      );
      child.on("message", (message: Notice | Reply) => {
        if ("type" in message && message.type === "ready") {
          clearTimeout(timer);
          this.url = `http://127.0.0.1:${message.port}`;
          resolve();
        } else this.#onMessage(message);
      });
      void this.#exit.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code}) while starting\n${this.output.join("\n")}`));
      });
    });
  }

  get ready(): Promise<void> {
    return this.#ready;
  }

  /** Whether the process is still running: a node must survive whatever the test does to Redis. */
  get alive(): boolean {
    return !this.#exited;
  }

  /** Runs a command on the node and resolves with its result; rejects with `NodeCommandError`. */
  request<T = unknown>(command: Command, timeout = REQUEST_TIMEOUT): Promise<T> {
    if (this.#exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.name} did not answer ${command.cmd} within ${timeout} ms`));
      }, timeout);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.#send({ ...command, id });
    });
  }

  /** Asks the node to stop (SIGTERM: it closes its server, see node-server.ts) and waits for it to be gone. */
  async stop(): Promise<void> {
    if (!this.#exited) this.process.kill("SIGTERM");
    await this.#exit;
  }

  /** The node's port on 127.0.0.1. */
  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Kills the process and waits for it to be gone. */
  async kill(): Promise<void> {
    if (!this.#exited) this.process.kill("SIGKILL");
    await this.#exit;
  }

  #onMessage(message: Notice | Reply | { source?: string }): void {
    if ("id" in message) {
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new NodeCommandError(message.error));
    } else if ("type" in message) {
      if (message.type === "error") this.errors.push(message);
      else if (message.type === "server-side") this.serverSide.push({ event: message.event, args: message.args });
      else if (message.type === "redis-error")
        this.redisErrors.push({ client: message.client, message: message.message });
      else if (message.type === "unhandled") this.unhandled.push(message.message);
    }
    // Anything else is the cluster adapter's own traffic, relayed by the primary.
  }
}

const running = new Set<TestNode>();
// If the test process dies, its nodes die with it (they also exit when their IPC channel closes).
process.once("exit", () => {
  for (const node of running) node.process.kill("SIGKILL");
});

let clusterPrimaryReady = false;

function spawnNode(script: string, name: string, options: NodeOptions, key: string, contract?: string): TestNode {
  const env = {
    ...process.env,
    ...(contract === undefined ? {} : { CONTRACT: contract }),
    ADAPTER: options.adapter,
    NODE_NAME: name,
    ADAPTER_KEY: key,
    REDIS_URL: options.redisUrl ?? REDIS_URL,
    RECOVERY: options.recovery === true ? "1" : "0",
  };
  if (options.adapter === "cluster") {
    if (!clusterPrimaryReady) {
      // This test process is the cluster's primary: it relays adapter messages between workers.
      setupClusterPrimary();
      clusterPrimaryReady = true;
    }
    cluster.setupPrimary({
      exec: script,
      execArgv: [],
      cwd: ROOT,
      silent: true,
      serialization: options.serialization ?? "advanced",
    });
    const worker = cluster.fork(env);
    return new TestNode(name, worker.process, (message) => worker.send(message as never));
  }
  const child = fork(script, [], {
    cwd: ROOT,
    env,
    execArgv: [],
    serialization: "advanced",
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  return new TestNode(name, child, (message) => child.send(message as never));
}

/**
 * Starts `count` node processes under one adapter and waits until each sees all the others (the
 * adapter's `serverCount()` is `count` in every namespace). Every node is killed after the test,
 * whatever its outcome.
 *
 * @example
 * const [a, b] = await startNodes(2, { adapter: "redis" });
 * await a.request({ cmd: "emit", namespace: "/chat", event: "notice", args: ["hi"] });
 */
export async function startNodes(count: number, options: NodeOptions): Promise<TestNode[]> {
  const script = await nodeServerBundle();
  const key = options.key ?? `socket-contract-mn-${randomUUID()}`;
  const nodes = Array.from({ length: count }, (_, index) =>
    spawnNode(script, `node-${String.fromCharCode(97 + index)}`, options, key, options.contracts?.[index]),
  );
  for (const node of nodes) running.add(node);
  onCleanup(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    for (const node of nodes) running.delete(node);
    // The streams adapter leaves its stream and session keys behind; the Redis may be shared.
    if (options.adapter === "redis-streams") await deleteKeys(options.redisUrl ?? REDIS_URL, key);
  });
  await Promise.all(nodes.map((node) => node.ready));
  if (options.adapter !== "memory") await untilConnected(nodes, count);
  return nodes;
}

/** Waits until every node counts `count` servers in every namespace. */
export async function untilConnected(nodes: readonly TestNode[], count: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const counts = await Promise.all(
      nodes.map((node) =>
        node.request<Record<string, number>>({ cmd: "serverCount" }).catch(() => ({}) as Record<string, number>),
      ),
    );
    if (
      counts.every(
        (byNamespace) =>
          Object.values(byNamespace).length === 3 && Object.values(byNamespace).every((n) => n === count),
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`nodes did not see each other in time: ${JSON.stringify(counts)}`);
    await sleep(50);
  }
}

/** Deletes `key` and every key under `key:`, bounded, ignoring a Redis that is already gone. */
async function deleteKeys(url: string, key: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1_000 } });
  client.on("error", () => {});
  try {
    await client.connect();
    const keys = [key];
    for await (const batch of client.scanIterator({ MATCH: `${key}:*`, COUNT: 1_000 })) keys.push(...batch);
    await client.del(keys.slice(0, 10_000));
    await client.quit();
  } catch {
    client.destroy();
  }
}
