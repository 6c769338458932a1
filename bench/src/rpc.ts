import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

type Request = { id: number; command: string; input: unknown };
type Reply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };

/** A benchmark worker: its own process, driven by the coordinator over IPC. */
export interface Worker {
  readonly process: ChildProcess;
  call<T = unknown>(command: string, input?: unknown, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

const DEFAULT_CALL_TIMEOUT = 120_000;

/**
 * Starts `workers/<name>.ts` in a new Node process, with the same loader flags as this one (so it
 * runs the TypeScript sources too) plus `extraFlags`.
 */
export function startWorker(
  name: string,
  extraFlags: readonly string[] = [],
  env: Record<string, string> = {},
): Worker {
  // From the built bench (dist/*.js) in a normal run; from its sources when run under tsx.
  const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const file = fileURLToPath(new URL(`./workers/${name}.${extension}`, import.meta.url));
  const child = fork(file, [], {
    execArgv: [...process.execArgv, ...extraFlags],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  let nextId = 1;
  let exited = false;
  child.on("message", (message: Reply) => {
    const entry = pending.get(message.id);
    if (entry === undefined) return;
    pending.delete(message.id);
    clearTimeout(entry.timer);
    if (message.ok) entry.resolve(message.output);
    else entry.reject(new Error(`worker ${name}: ${message.error}`));
  });
  child.on("exit", (code, signal) => {
    exited = true;
    for (const entry of pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new Error(`worker ${name} exited (${code ?? signal}) before answering`));
    }
    pending.clear();
  });
  return {
    process: child,
    call<T>(command: string, input?: unknown, timeoutMs = DEFAULT_CALL_TIMEOUT): Promise<T> {
      if (exited) return Promise.reject(new Error(`worker ${name} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`worker ${name}: "${command}" took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        child.send({ id, command, input } satisfies Request);
      });
    },
    async stop(): Promise<void> {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** The worker side: answers the coordinator's commands with these handlers, one at a time. */
export function serve(handlers: Record<string, (input: any) => unknown>): void {
  process.on("message", async (request: Request) => {
    const handler = handlers[request.command];
    let reply: Reply;
    try {
      if (handler === undefined) throw new Error(`unknown command "${request.command}"`);
      reply = { id: request.id, ok: true, output: await handler(request.input) };
    } catch (error) {
      reply = {
        id: request.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    process.send!(reply);
  });
  // The coordinator going away must not leave a worker behind.
  process.on("disconnect", () => process.exit(0));
}
